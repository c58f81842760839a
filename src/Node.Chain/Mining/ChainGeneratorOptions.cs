using Node.Primitives.Consensus;

namespace Node.Chain.Mining;

/// <summary>Settings of a <see cref="RegtestChainGenerator"/>; equal options give byte-identical chains.</summary>
public sealed record ChainGeneratorOptions
{
    public ulong Seed { get; init; } = 1;

    /// <summary>Serialized size each block is filled up to, once there are coins to spend (default 1 MB).</summary>
    public int TargetBlockSize { get; init; } = 1_000_000;

    /// <summary>Blocks carry the coinbase alone (no spends): the smallest valid blocks, for per-block overhead measurements.</summary>
    public bool CoinbaseOnly { get; init; }

    /// <summary>Core's default -blockmaxweight: the consensus limit less 4000 kept for the coinbase.</summary>
    public int MaxBlockWeight { get; init; } = ConsensusConstants.MaxBlockWeight - 4000;

    /// <summary>Block h gets this time plus h seconds: a fixed past (November 2023), so no block is in the future.</summary>
    public uint StartTime { get; init; } = 1_700_000_000;

    internal void Validate()
    {
        if (TargetBlockSize is < 1000 or > ConsensusConstants.MaxBlockSerializedSize)
            throw new ArgumentOutOfRangeException(nameof(TargetBlockSize), TargetBlockSize, "between 1000 and 4,000,000 bytes");
        if (MaxBlockWeight is < 4000 or > ConsensusConstants.MaxBlockWeight)
            throw new ArgumentOutOfRangeException(nameof(MaxBlockWeight), MaxBlockWeight, "between 4000 and 4,000,000");
    }
}
