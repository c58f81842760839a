/* The exported SHA-256 entry points: pick a kernel once, then pad and chain around it. */
#include <stdatomic.h>
#include <string.h>

#include "sha256_internal.h"

#ifdef SN_HAVE_SHANI
#include <cpuid.h>

/* SHA (CPUID leaf 7 EBX bit 29) plus the SSSE3 and SSE4.1 shuffles the kernel also uses. */
static int cpu_has_shani(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & (1u << 9)) || !(c & (1u << 19))) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 29) & 1;
}
#endif

static const sn_sha256_kernel *best_kernel(void)
{
#ifdef SN_HAVE_SHANI
    if (cpu_has_shani()) return &sn_sha256_shani;
#endif
    return &sn_sha256_portable;
}

/* Chosen on first use; a race only makes two threads store the same pointer. */
static _Atomic(const sn_sha256_kernel *) active_kernel;

static const sn_sha256_kernel *kernel(void)
{
    const sn_sha256_kernel *k = atomic_load_explicit(&active_kernel, memory_order_relaxed);
    if (k == NULL)
    {
        k = best_kernel();
        atomic_store_explicit(&active_kernel, k, memory_order_relaxed);
    }
    return k;
}

/* Absorbs data and its padding into s, which starts as the initial state. */
static void absorb_padded(const sn_sha256_kernel *k, uint32_t s[8], const uint8_t *data, size_t len)
{
    memcpy(s, sn_sha256_iv, sizeof sn_sha256_iv);
    size_t whole = len / 64;
    if (whole > 0) k->compress(s, data, whole);
    size_t rest = len % 64;
    uint8_t tail[128];
    if (rest > 0) memcpy(tail, data + whole * 64, rest);
    tail[rest] = 0x80;
    size_t total = rest + 9 <= 64 ? 64 : 128;
    memset(tail + rest + 1, 0, total - 8 - (rest + 1));
    uint64_t bits = (uint64_t)len * 8;
    sn_store_be32(tail + total - 8, (uint32_t)(bits >> 32));
    sn_store_be32(tail + total - 4, (uint32_t)bits);
    k->compress(s, tail, total / 64);
}

SN_EXPORT void sn_sha256_compress(uint32_t state[8], const uint8_t *blocks, size_t nblocks)
{
    kernel()->compress(state, blocks, nblocks);
}

SN_EXPORT void sn_sha256(const uint8_t *data, size_t len, uint8_t out[32])
{
    uint32_t s[8];
    absorb_padded(kernel(), s, data, len);
    for (int i = 0; i < 8; i++) sn_store_be32(out + 4 * i, s[i]);
}

SN_EXPORT void sn_sha256d(const uint8_t *data, size_t len, uint8_t out[32])
{
    const sn_sha256_kernel *k = kernel();
    uint32_t s[8];
    absorb_padded(k, s, data, len);
    k->hash_digest(s, out);
}

SN_EXPORT void sn_sha256d_64(const uint8_t *in, uint8_t *out, size_t n)
{
    kernel()->sha256d_64(in, out, n);
}

SN_EXPORT void sn_sha256d_batch(const sn_sha256d_job *jobs, size_t n)
{
    kernel()->sha256d_batch(jobs, n);
}

SN_EXPORT void sn_sha256d_x2(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, uint8_t outa[32], uint8_t outb[32])
{
    const sn_sha256d_job jobs[2] = {{a, alen, 0, outa, NULL}, {b, blen, 0, outb, NULL}};
    kernel()->sha256d_batch(jobs, 2);
}

SN_EXPORT void sn_sha256d_segwit_tx(const uint8_t *tx, size_t len, size_t witness_offset, uint8_t txid[32], uint8_t wtxid[32])
{
    const sn_sha256d_job jobs[2] = {{tx, len, witness_offset, txid, NULL}, {tx, len, 0, wtxid, NULL}};
    kernel()->sha256d_batch(jobs, 2);
}

SN_EXPORT int sn_sha256_implementation(void)
{
    return kernel()->id;
}

SN_EXPORT int sn_sha256_select(int implementation)
{
    const sn_sha256_kernel *k = best_kernel();
    if (implementation == SN_SHA256_PORTABLE) k = &sn_sha256_portable;
    atomic_store_explicit(&active_kernel, k, memory_order_relaxed);
    return k->id;
}
