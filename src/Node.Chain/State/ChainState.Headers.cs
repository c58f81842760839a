using Node.Chain.Index;
using Node.Chain.Validation;
using Node.Primitives;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Core's AcceptBlockHeader: a known header returns its id (or <see cref="RuleError.KnownInvalid"/>);
    /// otherwise proof of work, the parent (known, not failed), then the contextual and checkpoint
    /// rules against the parent's ancestry. A valid header joins the index with its chain work and
    /// is staged for the next commit.
    /// </summary>
    public HeaderAcceptResult AcceptHeader(in BlockHeader header, in Hash256 hash) => Accept(header, hash, BlockIndex.None, Now);

    /// <summary>
    /// Accepts a headers message's headers in order, each with its hash, and stops at the first invalid
    /// one. A header that builds on the one before it skips the parent lookup. Returns the last verdict
    /// (the failure, or the last header's acceptance) and in <paramref name="accepted"/> how many headers
    /// were valid. The new index rows are committed when the commit interval has passed.
    /// </summary>
    public HeaderAcceptResult AcceptHeaders(ReadOnlySpan<BlockHeader> headers, ReadOnlySpan<Hash256> hashes, out int accepted)
    {
        if (hashes.Length < headers.Length) throw new ArgumentException("one hash per header", nameof(hashes));
        accepted = 0;
        var last = new HeaderAcceptResult(BlockIndex.None, default);
        long now = Now;
        for (int i = 0; i < headers.Length; i++)
        {
            int parent = i > 0 && headers[i].PrevBlock == hashes[i - 1] ? last.Id : BlockIndex.None;
            last = Accept(headers[i], hashes[i], parent, now);
            if (!last.IsValid) break;
            accepted++;
        }
        CommitIfDue();
        return last;
    }

    /// <param name="parent">The parent's id when the caller knows it, else <see cref="BlockIndex.None"/>.</param>
    /// <param name="now">The clock, unix seconds, read once per batch.</param>
    private HeaderAcceptResult Accept(in BlockHeader header, in Hash256 hash, int parent, long now)
    {
        if (_index.TryGet(hash, out int known))
        {
            ref readonly var e = ref _index[known];
            return e.IsFailedOrDescendsFromFailed
                ? new HeaderAcceptResult(known, new HeaderValidationResult(RuleError.KnownInvalid, e.Height, hash, 0, 0))
                : new HeaderAcceptResult(known, HeaderValidationResult.Valid(e.Height, hash));
        }

        var pow = _headerValidator.CheckProofOfWork(header, hash);
        if (!pow.IsValid) return new HeaderAcceptResult(BlockIndex.None, pow);

        const int unknown = HeaderValidationResult.UnknownHeight;
        if (parent == BlockIndex.None && !_index.TryGet(header.PrevBlock, out parent))
            return new HeaderAcceptResult(BlockIndex.None, new HeaderValidationResult(RuleError.PrevBlockUnknown, unknown, hash, 0, 0));
        if (_index[parent].IsFailedOrDescendsFromFailed)
            return new HeaderAcceptResult(BlockIndex.None, new HeaderValidationResult(RuleError.PrevBlockInvalid, _index[parent].Height + 1, hash, 0, 0));

        var verdict = _headerValidator.CheckContextual(header, hash, new BlockIndexAncestry(_index, parent), now, _lastCheckpointHeight);
        if (!verdict.IsValid) return new HeaderAcceptResult(BlockIndex.None, verdict);

        int id = _index.AddChild(parent, header, hash);
        _index.SetStatus(id, BlockStatus.HeaderValid);
        _dirty.Add(id);
        NoteCheckpoint(id);
        return new HeaderAcceptResult(id, verdict);
    }

    /// <summary>Accepts one serialized 80-byte header.</summary>
    public HeaderAcceptResult AcceptHeader(ReadOnlySpan<byte> raw80)
    {
        if (raw80.Length != BlockHeader.Size) throw new ArgumentException($"a header is {BlockHeader.Size} bytes", nameof(raw80));
        return AcceptHeader(BlockHeader.Read(raw80), BlockHeader.HashOf(raw80));
    }

    /// <summary>
    /// Accepts consecutive 80-byte headers (a headers message's payload without the tx counts) and
    /// stops at the first invalid one. Returns the last verdict (the failure, or the last header's
    /// acceptance) and in <paramref name="accepted"/> how many headers were valid. The new index rows
    /// are committed when the commit interval has passed.
    /// </summary>
    public HeaderAcceptResult AcceptHeaders(ReadOnlySpan<byte> headers, out int accepted)
    {
        if (headers.Length % BlockHeader.Size != 0) throw new ArgumentException($"headers come in {BlockHeader.Size}-byte records", nameof(headers));
        accepted = 0;
        var last = new HeaderAcceptResult(BlockIndex.None, default);
        Hash256 previous = default;
        long now = Now;
        for (int at = 0; at < headers.Length; at += BlockHeader.Size)
        {
            var raw = headers.Slice(at, BlockHeader.Size);
            var header = BlockHeader.Read(raw);
            var hash = BlockHeader.HashOf(raw);
            last = Accept(header, hash, accepted > 0 && header.PrevBlock == previous ? last.Id : BlockIndex.None, now);
            if (!last.IsValid) break;
            previous = hash;
            accepted++;
        }
        CommitIfDue();
        return last;
    }

    private void NoteCheckpoint(int id)
    {
        ref readonly var e = ref _index[id];
        var checkpoints = _headerValidator.Params.Checkpoints;
        if (e.Height <= _lastCheckpointHeight || checkpoints.Count == 0 || e.Height > checkpoints[^1].Height) return;
        foreach (var checkpoint in checkpoints)
            if (checkpoint.Height == e.Height && checkpoint.Hash == e.Hash) _lastCheckpointHeight = e.Height;
    }
}
