/* SHA-256 with the x86 SHA extensions. Every function here is compiled for sha/sse4.1/ssse3 and
   reached only through sn_sha256_shani, which the dispatcher picks after CPUID says so. */
#include <immintrin.h>

#include "sha256_internal.h"
#include "sha256_message.h"

#define SHANI_FN static inline __attribute__((target("sha,sse4.1,ssse3"), always_inline))
#define SHANI_ENTRY static __attribute__((target("sha,sse4.1,ssse3")))

/* The SHA instructions keep the state as two vectors, ABEF and CDGH (high lane first). */
typedef struct
{
    __m128i abef, cdgh;
} state;

SHANI_FN __m128i bswap_mask(void)
{
    return _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
}

SHANI_FN __m128i load_be(const uint8_t *p)
{
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap_mask());
}

SHANI_FN state from_words(const uint32_t s[8])
{
    __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)s), 0xB1);
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(s + 4)), 0x1B);
    state st = {_mm_alignr_epi8(cdab, efgh, 8), _mm_blend_epi16(efgh, cdab, 0xF0)};
    return st;
}

/* Back to word order: *abcd holds A..D (A in lane 0), *efgh holds E..H. */
SHANI_FN void to_words(state st, __m128i *abcd, __m128i *efgh)
{
    __m128i feba = _mm_shuffle_epi32(st.abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(st.cdgh, 0xB1);
    *abcd = _mm_blend_epi16(feba, dchg, 0xF0);
    *efgh = _mm_alignr_epi8(dchg, feba, 8);
}

/* Rounds 4q..4q+3. w[q & 3] holds their message words; the schedule for later quads is advanced
   in the shadow of the rounds (msg1 three quads ahead, msg2 one quad ahead). q is a constant
   after unrolling, so the conditions vanish. */
SHANI_FN void quad(int q, state *st, __m128i w[4])
{
    __m128i msg = _mm_add_epi32(w[q & 3], _mm_load_si128((const __m128i *)(sn_sha256_k + 4 * q)));
    /* Two rounds per rnds2; the first writes the new ABEF where CDGH was, the second swaps back. */
    st->cdgh = _mm_sha256rnds2_epu32(st->cdgh, st->abef, msg);
    if (q >= 3 && q <= 14)
    {
        __m128i t = _mm_add_epi32(w[(q + 1) & 3], _mm_alignr_epi8(w[q & 3], w[(q - 1) & 3], 4));
        w[(q + 1) & 3] = _mm_sha256msg2_epu32(t, w[q & 3]);
    }
    st->abef = _mm_sha256rnds2_epu32(st->abef, st->cdgh, _mm_shuffle_epi32(msg, 0x0E));
    if (q >= 1 && q <= 12) w[(q - 1) & 3] = _mm_sha256msg1_epu32(w[(q - 1) & 3], w[q & 3]);
}

SHANI_FN void block(state *st, __m128i w[4])
{
    state in = *st;
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++) quad(q, st, w);
    st->abef = _mm_add_epi32(st->abef, in.abef);
    st->cdgh = _mm_add_epi32(st->cdgh, in.cdgh);
}

/* Two independent blocks, interleaved quad by quad so one's rounds fill the other's latency. */
SHANI_FN void block_x2(state *a, __m128i wa[4], state *b, __m128i wb[4])
{
    state ina = *a, inb = *b;
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++)
    {
        quad(q, a, wa);
        quad(q, b, wb);
    }
    a->abef = _mm_add_epi32(a->abef, ina.abef);
    a->cdgh = _mm_add_epi32(a->cdgh, ina.cdgh);
    b->abef = _mm_add_epi32(b->abef, inb.abef);
    b->cdgh = _mm_add_epi32(b->cdgh, inb.cdgh);
}

/* Four independent blocks: on some cores (AMD Zen 4) two streams do not yet saturate the SHA
   unit; four take the rest (more would only spill: the SHA instructions reach xmm0..15 only). */
SHANI_FN void block_x4(state *a, __m128i wa[4], state *b, __m128i wb[4], state *c, __m128i wc[4], state *d, __m128i wd[4])
{
    state ina = *a, inb = *b, inc = *c, ind = *d;
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++)
    {
        quad(q, a, wa);
        quad(q, b, wb);
        quad(q, c, wc);
        quad(q, d, wd);
    }
    a->abef = _mm_add_epi32(a->abef, ina.abef);
    a->cdgh = _mm_add_epi32(a->cdgh, ina.cdgh);
    b->abef = _mm_add_epi32(b->abef, inb.abef);
    b->cdgh = _mm_add_epi32(b->cdgh, inb.cdgh);
    c->abef = _mm_add_epi32(c->abef, inc.abef);
    c->cdgh = _mm_add_epi32(c->cdgh, inc.cdgh);
    d->abef = _mm_add_epi32(d->abef, ind.abef);
    d->cdgh = _mm_add_epi32(d->cdgh, ind.cdgh);
}

/* Rounds 4q..4q+3 of a block whose K + W is known in advance: no schedule. */
SHANI_FN void quad_kw(int q, state *st, const uint32_t kw[64])
{
    __m128i msg = _mm_load_si128((const __m128i *)(kw + 4 * q));
    st->cdgh = _mm_sha256rnds2_epu32(st->cdgh, st->abef, msg);
    st->abef = _mm_sha256rnds2_epu32(st->abef, st->cdgh, _mm_shuffle_epi32(msg, 0x0E));
}

SHANI_FN void block_kw(state *st, const uint32_t kw[64])
{
    state in = *st;
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++) quad_kw(q, st, kw);
    st->abef = _mm_add_epi32(st->abef, in.abef);
    st->cdgh = _mm_add_epi32(st->cdgh, in.cdgh);
}

SHANI_FN void block_kw_x2(state *a, state *b, const uint32_t kw[64])
{
    state ina = *a, inb = *b;
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++)
    {
        quad_kw(q, a, kw);
        quad_kw(q, b, kw);
    }
    a->abef = _mm_add_epi32(a->abef, ina.abef);
    a->cdgh = _mm_add_epi32(a->cdgh, ina.cdgh);
    b->abef = _mm_add_epi32(b->abef, inb.abef);
    b->cdgh = _mm_add_epi32(b->cdgh, inb.cdgh);
}

SHANI_FN void block_kw_x4(state st[4], const uint32_t kw[64])
{
    state in[4] = {st[0], st[1], st[2], st[3]};
#pragma GCC unroll 16
    for (int q = 0; q < 16; q++)
        for (int k = 0; k < 4; k++) quad_kw(q, &st[k], kw);
    for (int k = 0; k < 4; k++)
    {
        st[k].abef = _mm_add_epi32(st[k].abef, in[k].abef);
        st[k].cdgh = _mm_add_epi32(st[k].cdgh, in[k].cdgh);
    }
}

SHANI_FN void load_block(const uint8_t *p, __m128i w[4])
{
    w[0] = load_be(p);
    w[1] = load_be(p + 16);
    w[2] = load_be(p + 32);
    w[3] = load_be(p + 48);
}

/* The one block of a 32-byte message: the digest words, then 0x80 and the bit length 256. */
SHANI_FN void digest_block(state digest, __m128i w[4])
{
    to_words(digest, &w[0], &w[1]);
    w[2] = _mm_set_epi32(0, 0, 0, (int)0x80000000u);
    w[3] = _mm_set_epi32(256, 0, 0, 0);
}

SHANI_FN void store_digest(state st, uint8_t *out)
{
    __m128i abcd, efgh;
    to_words(st, &abcd, &efgh);
    _mm_storeu_si128((__m128i *)out, _mm_shuffle_epi8(abcd, bswap_mask()));
    _mm_storeu_si128((__m128i *)(out + 16), _mm_shuffle_epi8(efgh, bswap_mask()));
}

SHANI_ENTRY void compress(uint32_t s[8], const uint8_t *blocks, size_t nblocks)
{
    state st = from_words(s);
    __m128i w[4];
    for (; nblocks > 0; nblocks--, blocks += 64)
    {
        load_block(blocks, w);
        block(&st, w);
    }
    __m128i abcd, efgh;
    to_words(st, &abcd, &efgh);
    _mm_storeu_si128((__m128i *)s, abcd);
    _mm_storeu_si128((__m128i *)(s + 4), efgh);
}

SHANI_ENTRY void hash_digest(const uint32_t digest[8], uint8_t out[32])
{
    __m128i w[4];
    digest_block(from_words(digest), w);
    state st = from_words(sn_sha256_iv);
    block(&st, w);
    store_digest(st, out);
}

SHANI_ENTRY void sha256d_64(const uint8_t *in, uint8_t *out, size_t n)
{
    const state iv = from_words(sn_sha256_iv);
    for (; n >= 4; n -= 4, in += 256, out += 128)
    {
        state st[4] = {iv, iv, iv, iv};
        __m128i w[4][4];
        for (int k = 0; k < 4; k++) load_block(in + 64 * k, w[k]);
        block_x4(&st[0], w[0], &st[1], w[1], &st[2], w[2], &st[3], w[3]);
        block_kw_x4(st, sn_sha256_pad64_kw);
        for (int k = 0; k < 4; k++)
        {
            digest_block(st[k], w[k]);
            st[k] = iv;
        }
        block_x4(&st[0], w[0], &st[1], w[1], &st[2], w[2], &st[3], w[3]);
        for (int k = 0; k < 4; k++) store_digest(st[k], out + 32 * k);
    }
    __m128i wa[4], wb[4];
    for (; n >= 2; n -= 2, in += 128, out += 64)
    {
        state a = iv, b = iv;
        load_block(in, wa);
        load_block(in + 64, wb);
        block_x2(&a, wa, &b, wb);
        block_kw_x2(&a, &b, sn_sha256_pad64_kw);
        digest_block(a, wa);
        digest_block(b, wb);
        a = iv;
        b = iv;
        block_x2(&a, wa, &b, wb);
        store_digest(a, out);
        store_digest(b, out + 32);
    }
    if (n == 1)
    {
        state a = iv;
        load_block(in, wa);
        block(&a, wa);
        block_kw(&a, sn_sha256_pad64_kw);
        digest_block(a, wa);
        a = iv;
        block(&a, wa);
        store_digest(a, out);
    }
}

/* Step i of a double hash: message block i while i < m->blocks, then (i == m->blocks) the one
   block of the second hash, which starts over from the initial state. */
SHANI_FN void load_step(const sn_message *m, size_t i, state *st, state iv, uint8_t scratch[64], __m128i w[4])
{
    if (i < m->blocks)
    {
        load_block(sn_message_block(m, i, scratch), w);
        return;
    }
    digest_block(*st, w);
    *st = iv;
}

/* A double hash in progress: its message, where its hash goes, and the next step to run. */
typedef struct
{
    sn_message m;
    uint8_t *out;
    uint8_t *also;
    size_t step;
    state st;
    uint8_t scratch[64];
} lane;

SHANI_FN void lane_start(lane *l, const sn_sha256d_job *job, state iv)
{
    l->m = sn_message_of_job(job);
    l->out = job->out;
    l->also = job->also;
    l->step = 0;
    l->st = iv;
}

/* Up to four double hashes run side by side, each lane taking the next job as soon as its own
   ends, so the lanes stay full until the jobs run out: four blocks at a time, or two (a third
   lane waits its turn), or one. */
SHANI_ENTRY void sha256d_batch(const sn_sha256d_job *jobs, size_t n)
{
    const state iv = from_words(sn_sha256_iv);
    lane lanes[4];
    size_t next = 0;
    int live = 0;
    while (live < 4 && next < n) lane_start(&lanes[live++], &jobs[next++], iv);
    while (live > 0)
    {
        /* The states and words go through locals so that the rounds keep them in registers. */
        int run = live == 4 ? 4 : live >= 2 ? 2 : 1;
        __m128i w0[4], w1[4], w2[4], w3[4];
        load_step(&lanes[0].m, lanes[0].step, &lanes[0].st, iv, lanes[0].scratch, w0);
        state s0 = lanes[0].st;
        if (run == 4)
        {
            load_step(&lanes[1].m, lanes[1].step, &lanes[1].st, iv, lanes[1].scratch, w1);
            load_step(&lanes[2].m, lanes[2].step, &lanes[2].st, iv, lanes[2].scratch, w2);
            load_step(&lanes[3].m, lanes[3].step, &lanes[3].st, iv, lanes[3].scratch, w3);
            state s1 = lanes[1].st, s2 = lanes[2].st, s3 = lanes[3].st;
            block_x4(&s0, w0, &s1, w1, &s2, w2, &s3, w3);
            lanes[1].st = s1;
            lanes[2].st = s2;
            lanes[3].st = s3;
        }
        else if (run == 2)
        {
            load_step(&lanes[1].m, lanes[1].step, &lanes[1].st, iv, lanes[1].scratch, w1);
            state s1 = lanes[1].st;
            block_x2(&s0, w0, &s1, w1);
            lanes[1].st = s1;
        }
        else
        {
            block(&s0, w0);
        }
        lanes[0].st = s0;
        for (int k = 0; k < run; k++) lanes[k].step++;

        for (int k = 0; k < live;)
        {
            lane *l = &lanes[k];
            if (l->step <= l->m.blocks)
            {
                k++;
                continue;
            }
            store_digest(l->st, l->out);
            if (l->also != NULL) store_digest(l->st, l->also);
            if (next < n) lane_start(l, &jobs[next++], iv), k++;
            else *l = lanes[--live];
        }
    }
}

const sn_sha256_kernel sn_sha256_shani = {SN_SHA256_SHANI, compress, hash_digest, sha256d_64, sha256d_batch};
