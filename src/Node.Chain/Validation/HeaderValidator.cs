using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Validation;

/// <summary>
/// Header validation for one network, in Core's order: proof of work (context-free), then the
/// link to the parent, then the contextual rules against the parent's ancestry. Allocation-free;
/// results are values naming the header and the rule.
/// </summary>
public sealed class HeaderValidator
{
    private readonly int[] _checkpointHeights;
    private readonly Hash256[] _checkpointHashes;

    public HeaderValidator(ChainParams chainParams)
    {
        Params = chainParams;
        _checkpointHeights = chainParams.Checkpoints.Select(c => c.Height).ToArray();
        _checkpointHashes = chainParams.Checkpoints.Select(c => c.Hash).ToArray();
    }

    public ChainParams Params { get; }

    /// <summary>
    /// Decodes, hashes and fully validates one serialized header on top of <paramref name="parent"/>.
    /// </summary>
    /// <param name="now">The node's clock, unix seconds.</param>
    /// <param name="lastCheckpointHeight">
    /// Height of the highest checkpoint whose block the node's index holds, or -1: no header may
    /// fork below it.
    /// </param>
    public HeaderValidationResult Validate<TAncestry>(ReadOnlySpan<byte> raw80, TAncestry parent, long now, int lastCheckpointHeight,
        out BlockHeader header, out Hash256 hash)
        where TAncestry : IHeaderAncestry
    {
        header = BlockHeader.Read(raw80);
        hash = BlockHeader.HashOf(raw80);
        return Validate(header, hash, parent, now, lastCheckpointHeight);
    }

    /// <summary>Fully validates a decoded header whose hash the caller has already computed.</summary>
    public HeaderValidationResult Validate<TAncestry>(in BlockHeader header, in Hash256 hash, TAncestry parent, long now, int lastCheckpointHeight)
        where TAncestry : IHeaderAncestry
    {
        var pow = CheckProofOfWork(header, hash);
        if (!pow.IsValid) return pow with { Height = parent.Height + 1 };
        var link = CheckParent(header, hash, parent);
        if (!link.IsValid) return link;
        return CheckContextual(header, hash, parent, now, lastCheckpointHeight);
    }

    /// <summary>The header must name the ancestry's tip as its parent.</summary>
    public static HeaderValidationResult CheckParent<TAncestry>(in BlockHeader header, in Hash256 hash, TAncestry parent)
        where TAncestry : IHeaderAncestry
    {
        int height = parent.Height + 1;
        return header.PrevBlock == parent.TipHash
            ? HeaderValidationResult.Valid(height, hash)
            : new HeaderValidationResult(RuleError.PrevBlockUnknown, height, hash, 0, 0);
    }

    /// <summary>Context-free: nBits is a valid target no easier than the pow limit, and the hash meets it.</summary>
    public HeaderValidationResult CheckProofOfWork(in BlockHeader header, in Hash256 hash)
    {
        const int h = HeaderValidationResult.UnknownHeight;
        var target = UInt256.FromCompact(header.Bits, out bool negative, out bool overflow);
        if (negative || overflow || target.IsZero)
            return new HeaderValidationResult(RuleError.InvalidTarget, h, hash, header.Bits, 0);
        if (target > Params.PowLimit)
            return new HeaderValidationResult(RuleError.TargetAbovePowLimit, h, hash, header.Bits, Params.PowLimitBits);
        if (UInt256.FromHash(hash) > target)
            return new HeaderValidationResult(RuleError.HighHash, h, hash, header.Bits, 0);
        return HeaderValidationResult.Valid(h, hash);
    }

    /// <summary>
    /// The rules that need the parent's ancestry (Core's ContextualCheckBlockHeader plus the checkpoint
    /// rules): required nBits, checkpoints, median time past, BIP94 timewarp, future time, minimum version.
    /// </summary>
    public HeaderValidationResult CheckContextual<TAncestry>(in BlockHeader header, in Hash256 hash, TAncestry parent, long now, int lastCheckpointHeight)
        where TAncestry : IHeaderAncestry
    {
        var p = Params;
        int height = parent.Height + 1;

        uint required = Difficulty.NextWorkRequired(p, parent, header.Time);
        if (header.Bits != required)
            return new HeaderValidationResult(RuleError.BadDiffBits, height, hash, header.Bits, required);

        int cp = Array.BinarySearch(_checkpointHeights, height);
        if (cp >= 0 && _checkpointHashes[cp] != hash)
            return new HeaderValidationResult(RuleError.CheckpointMismatch, height, hash, 0, 0);
        if (height < lastCheckpointHeight)
            return new HeaderValidationResult(RuleError.ForkBelowCheckpoint, height, hash, height, lastCheckpointHeight);

        long time = header.Time;
        long medianTimePast = parent.MedianTimePast();
        if (time <= medianTimePast)
            return new HeaderValidationResult(RuleError.TimeTooOld, height, hash, time, medianTimePast);

        if (p.EnforceBip94 && height % p.DifficultyAdjustmentInterval == 0)
        {
            long earliest = (long)parent.TimeAt(parent.Height) - ConsensusConstants.MaxTimewarp;
            if (time < earliest)
                return new HeaderValidationResult(RuleError.TimewarpAttack, height, hash, time, earliest);
        }

        long latest = now + ConsensusConstants.MaxFutureBlockTime;
        if (time > latest)
            return new HeaderValidationResult(RuleError.TimeTooNew, height, hash, time, latest);

        int minVersion = height >= p.Bip65Height ? 4 : height >= p.Bip66Height ? 3 : height >= p.Bip34Height ? 2 : int.MinValue;
        if (header.Version < minVersion)
            return new HeaderValidationResult(RuleError.BadVersion, height, hash, header.Version, minVersion);

        return HeaderValidationResult.Valid(height, hash);
    }
}
