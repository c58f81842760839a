/* SHA-256 and Bitcoin's double SHA-256: the exported C ABI of libsharpnode_native. */
#ifndef SHARPNODE_SHA256_H
#define SHARPNODE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SN_EXPORT __declspec(dllexport)
#else
#define SN_EXPORT __attribute__((visibility("default")))
#endif

/* Values of sn_sha256_implementation(); 0 is never returned (the managed side uses it for itself). */
#define SN_SHA256_PORTABLE 1
#define SN_SHA256_SHANI 2

/* Runs the compression function over nblocks consecutive 64-byte blocks (no padding). */
SN_EXPORT void sn_sha256_compress(uint32_t state[8], const uint8_t *blocks, size_t nblocks);

/* out = SHA-256(data). */
SN_EXPORT void sn_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

/* out = SHA-256(SHA-256(data)). */
SN_EXPORT void sn_sha256d(const uint8_t *data, size_t len, uint8_t out[32]);

/* For i < n: out[32i..32i+32) = SHA-256(SHA-256(in[64i..64i+64))): one merkle tree level.
   out may equal in (each input is read before its output is written, and out[32i] never
   reaches an unread input). */
SN_EXPORT void sn_sha256d_64(const uint8_t *in, uint8_t *out, size_t n);

/* One double hash of a batch: of data[0..len), or, when witness_offset is not 0, of the segwit
   transaction data[0..len) stripped of marker, flag and witnesses as sn_sha256d_segwit_tx's txid.
   The hash goes to out, and to also unless it is NULL. */
typedef struct sn_sha256d_job
{
    const uint8_t *data;
    size_t len;
    size_t witness_offset;
    uint8_t *out;
    uint8_t *also;
} sn_sha256d_job;

/* Every job's double hash. The SHA-NI kernel runs four jobs side by side, each of its lanes taking
   the next job when its own ends. No output may overlap any job's data. */
SN_EXPORT void sn_sha256d_batch(const sn_sha256d_job *jobs, size_t n);

/* outa = SHA-256d(a[0..alen)), outb = SHA-256d(b[0..blen)): two independent messages hashed side
   by side, which on SHA-NI nearly doubles throughput (one stream's rounds fill the other's
   latency). The outputs must not overlap the inputs. */
SN_EXPORT void sn_sha256d_x2(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, uint8_t outa[32], uint8_t outb[32]);

/* Both ids of a segwit transaction (witness serialization tx[0..len)) in one interleaved pass:
   wtxid = SHA-256d(tx), txid = SHA-256d(tx[0..4) | tx[6..witness_offset) | tx[len-4..len)), the
   serialization without marker, flag and witness stacks. Requires 6 <= witness_offset <= len - 4;
   the outputs must not overlap tx. */
SN_EXPORT void sn_sha256d_segwit_tx(const uint8_t *tx, size_t len, size_t witness_offset, uint8_t txid[32], uint8_t wtxid[32]);

/* The implementation the calls above use (SN_SHA256_PORTABLE or SN_SHA256_SHANI). */
SN_EXPORT int sn_sha256_implementation(void);

/* Switches implementation (for tests and benchmarks comparing them): SN_SHA256_PORTABLE, or
   SN_SHA256_SHANI if the CPU has it; anything else selects the best available. Returns the one
   now active. Not meant to be called while other threads hash. */
SN_EXPORT int sn_sha256_select(int implementation);

#ifdef __cplusplus
}
#endif

#endif
