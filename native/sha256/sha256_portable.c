/* Portable SHA-256 kernel: any CPU, any compiler. */
#include "sha256_internal.h"
#include "sha256_message.h"

const uint32_t sn_sha256_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

_Alignas(16) const uint32_t sn_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Block: 0x80, 55 zero bytes, bit length 512. */
_Alignas(16) const uint32_t sn_sha256_pad64_kw[64] = {
    0xc28a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf374,
    0x649b69c1, 0xf0fe4786, 0x0fe1edc6, 0x240cf254, 0x4fe9346f, 0x6cc984be, 0x61b9411e, 0x16f988fa,
    0xf2c65152, 0xa88e5a6d, 0xb019fc65, 0xb9d99ec7, 0x9a1231c3, 0xe70eeaa0, 0xfdb1232b, 0xc7353eb0,
    0x3069bad5, 0xcb976d5f, 0x5a0f118f, 0xdc1eeefd, 0x0a35b689, 0xde0b7a04, 0x58f4ca9d, 0xe15d5b16,
    0x007f3e86, 0x37088980, 0xa507ea32, 0x6fab9537, 0x17406110, 0x0d8cd6f1, 0xcdaa3b6d, 0xc0bbbe37,
    0x83613bda, 0xdb48a363, 0x0b02e931, 0x6fd15ca7, 0x521afaca, 0x31338431, 0x6ed41a95, 0x6d437890,
    0xc39c91f2, 0x9eccabbd, 0xb5c9a0e6, 0x532fb63c, 0xd2c741c6, 0x07237ea3, 0xa4954b68, 0x4c191d76,
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

/* The 64 rounds and the feed-forward, given K[i] + W[i]. */
static void rounds(uint32_t s[8], const uint32_t kw[64])
{
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int i = 0; i < 64; i++)
    {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kw[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

static void compress_words(uint32_t s[8], const uint32_t w16[16])
{
    uint32_t w[64], kw[64];
    for (int i = 0; i < 16; i++) w[i] = w16[i];
    for (int i = 16; i < 64; i++)
    {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    for (int i = 0; i < 64; i++) kw[i] = sn_sha256_k[i] + w[i];
    rounds(s, kw);
}

static void compress(uint32_t state[8], const uint8_t *blocks, size_t nblocks)
{
    uint32_t w[16];
    for (; nblocks > 0; nblocks--, blocks += 64)
    {
        for (int i = 0; i < 16; i++) w[i] = sn_load_be32(blocks + 4 * i);
        compress_words(state, w);
    }
}

static void hash_digest(const uint32_t digest[8], uint8_t out[32])
{
    uint32_t w[16] = {0};
    for (int i = 0; i < 8; i++) w[i] = digest[i];
    w[8] = 0x80000000u;
    w[15] = 256;
    uint32_t s[8];
    for (int i = 0; i < 8; i++) s[i] = sn_sha256_iv[i];
    compress_words(s, w);
    for (int i = 0; i < 8; i++) sn_store_be32(out + 4 * i, s[i]);
}

static void sha256d_64(const uint8_t *in, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        uint32_t s[8];
        for (int j = 0; j < 8; j++) s[j] = sn_sha256_iv[j];
        compress(s, in + 64 * i, 1);
        rounds(s, sn_sha256_pad64_kw);
        hash_digest(s, out + 32 * i);
    }
}

static void sha256d_message(const sn_message *m, uint8_t out[32])
{
    uint32_t s[8];
    uint8_t scratch[64];
    for (int j = 0; j < 8; j++) s[j] = sn_sha256_iv[j];
    for (size_t i = 0; i < m->blocks; i++) compress(s, sn_message_block(m, i, scratch), 1);
    hash_digest(s, out);
}

/* One after the other: without the SHA extensions there is no round latency to hide. */
static void sha256d_batch(const sn_sha256d_job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        sn_message m = sn_message_of_job(&jobs[i]);
        sha256d_message(&m, jobs[i].out);
        if (jobs[i].also != NULL) memcpy(jobs[i].also, jobs[i].out, 32);
    }
}

const sn_sha256_kernel sn_sha256_portable = {SN_SHA256_PORTABLE, compress, hash_digest, sha256d_64, sha256d_batch};
