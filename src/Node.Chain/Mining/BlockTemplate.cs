using Node.Primitives.Consensus;

namespace Node.Chain.Mining;

/// <summary>The header fields and coinbase settings of a block about to be assembled on <see cref="Parent"/>.</summary>
public sealed record BlockTemplate
{
    /// <summary>BIP9's top bits with no deployment signalled, as Core's miner sets them.</summary>
    public const int DefaultVersion = 0x20000000;

    public required BlockParent Parent { get; init; }

    public int Height => Parent.Height + 1;

    public required uint Time { get; init; }

    public required uint Bits { get; init; }

    public int Version { get; init; } = DefaultVersion;

    /// <summary>The scriptPubKey of the coinbase's reward output.</summary>
    public required ReadOnlyMemory<byte> PayoutScript { get; init; }

    /// <summary>Pushed after the height in the coinbase scriptSig: distinct values give distinct blocks on one parent.</summary>
    public uint ExtraNonce { get; init; }

    /// <summary>
    /// A template on a network without retargeting (regtest): bits at the pow limit, and the time
    /// raised to one second past the parent's median time past when <paramref name="requestedTime"/> is not later.
    /// </summary>
    public static BlockTemplate Create(ChainParams chainParams, in BlockParent parent, ReadOnlyMemory<byte> payoutScript, uint requestedTime,
        uint extraNonce = 0)
    {
        if (!chainParams.PowNoRetargeting)
            throw new ArgumentException($"{chainParams.Name} retargets: pass its bits explicitly", nameof(chainParams));
        return new BlockTemplate
        {
            Parent = parent,
            Time = Math.Max(parent.MedianTimePast + 1, requestedTime),
            Bits = chainParams.PowLimitBits,
            PayoutScript = payoutScript,
            ExtraNonce = extraNonce,
        };
    }
}
