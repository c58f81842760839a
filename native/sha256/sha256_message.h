/* A message of up to three pieces, hashed as their concatenation, read as its padded 64-byte
   blocks. Lets a kernel hash a segwit transaction's txid (version | inputs and outputs | lock time,
   three slices of the witness serialization) without copying the transaction. Not exported. */
#ifndef SHARPNODE_SHA256_MESSAGE_H
#define SHARPNODE_SHA256_MESSAGE_H

#include <string.h>

#include "sha256_internal.h"

#define SN_MESSAGE_PIECES 3

typedef struct sn_message
{
    const uint8_t *piece[SN_MESSAGE_PIECES];
    size_t start[SN_MESSAGE_PIECES]; /* offset of each piece in the message */
    size_t end[SN_MESSAGE_PIECES];
    size_t len;
    size_t blocks; /* padded blocks: (len + 9) rounded up to 64, over 64 */
} sn_message;

static inline void sn_message_finish(sn_message *m)
{
    m->len = m->end[SN_MESSAGE_PIECES - 1];
    m->blocks = (m->len + 9 + 63) / 64;
}

/* data[0..len) as one piece (the other two are empty). */
static inline sn_message sn_message_whole(const uint8_t *data, size_t len)
{
    sn_message m = {{data, data, data}, {0, len, len}, {len, len, len}, 0, 0};
    sn_message_finish(&m);
    return m;
}

/* tx[0..4) | tx[6..witness_offset) | tx[len-4..len): the serialization without marker, flag and
   witnesses. Requires 6 <= witness_offset <= len - 4. */
static inline sn_message sn_message_stripped_tx(const uint8_t *tx, size_t len, size_t witness_offset)
{
    size_t body = witness_offset - 6;
    sn_message m = {{tx, tx + 6, tx + len - 4}, {0, 4, 4 + body}, {4, 4 + body, 8 + body}, 0, 0};
    sn_message_finish(&m);
    return m;
}

static inline sn_message sn_message_of_job(const sn_sha256d_job *job)
{
    return job->witness_offset != 0 ? sn_message_stripped_tx(job->data, job->len, job->witness_offset)
                                    : sn_message_whole(job->data, job->len);
}

/* Block i (< m->blocks) of the padded message: a pointer into a piece when the block lies wholly
   inside it (no copy), else the block assembled in scratch with its share of the padding. */
static inline const uint8_t *sn_message_block(const sn_message *m, size_t i, uint8_t scratch[64])
{
    size_t from = i * 64, to = from + 64;
    for (int k = 0; k < SN_MESSAGE_PIECES; k++)
        if (from >= m->start[k] && to <= m->end[k]) return m->piece[k] + (from - m->start[k]);

    memset(scratch, 0, 64);
    for (int k = 0; k < SN_MESSAGE_PIECES; k++)
    {
        size_t lo = m->start[k] > from ? m->start[k] : from;
        size_t hi = m->end[k] < to ? m->end[k] : to;
        if (lo < hi) memcpy(scratch + (lo - from), m->piece[k] + (lo - m->start[k]), hi - lo);
    }
    if (m->len >= from && m->len < to) scratch[m->len - from] = 0x80;
    if (i == m->blocks - 1)
    {
        uint64_t bits = (uint64_t)m->len * 8;
        sn_store_be32(scratch + 56, (uint32_t)(bits >> 32));
        sn_store_be32(scratch + 60, (uint32_t)bits);
    }
    return scratch;
}

#endif
