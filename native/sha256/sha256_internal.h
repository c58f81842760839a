/* Shared between the SHA-256 kernels and the dispatcher; not exported. */
#ifndef SHARPNODE_SHA256_INTERNAL_H
#define SHARPNODE_SHA256_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

/* What each kernel provides; the dispatcher builds every exported call from these. */
typedef struct sn_sha256_kernel
{
    int id;
    void (*compress)(uint32_t state[8], const uint8_t *blocks, size_t nblocks);
    /* out = SHA-256 of the 32-byte digest that the state words spell (the second round of a
       double hash: the digest pads to exactly one block, so it never leaves the registers). */
    void (*hash_digest)(const uint32_t state[8], uint8_t out[32]);
    void (*sha256d_64)(const uint8_t *in, uint8_t *out, size_t n);
    void (*sha256d_batch)(const sn_sha256d_job *jobs, size_t n);
} sn_sha256_kernel;

extern const sn_sha256_kernel sn_sha256_portable;
#ifdef SN_HAVE_SHANI
extern const sn_sha256_kernel sn_sha256_shani;
#endif

extern const uint32_t sn_sha256_iv[8];
extern _Alignas(16) const uint32_t sn_sha256_k[64];
/* K[i] + W[i] for the padding block that follows a 64-byte message: its schedule is constant. */
extern _Alignas(16) const uint32_t sn_sha256_pad64_kw[64];

static inline uint32_t sn_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline void sn_store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

#endif
