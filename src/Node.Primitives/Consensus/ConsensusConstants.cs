namespace Node.Primitives.Consensus;

/// <summary>Consensus numbers shared by every network (Core's consensus/consensus.h, amount.h, chain.h, pow.h).</summary>
public static class ConsensusConstants
{
    /// <summary>Satoshis in one bitcoin.</summary>
    public const long Coin = 100_000_000;

    /// <summary>No amount may exceed this (21 million bitcoin).</summary>
    public const long MaxMoney = 21_000_000 * Coin;

    /// <summary>The first block subsidy, halved every SubsidyHalvingInterval blocks.</summary>
    public const long InitialSubsidy = 50 * Coin;

    /// <summary>Blocks a coinbase output waits before it may be spent.</summary>
    public const int CoinbaseMaturity = 100;

    public const int MaxBlockWeight = 4_000_000;
    public const int MaxBlockSerializedSize = 4_000_000;
    public const int WitnessScaleFactor = 4;
    public const int MaxBlockSigopsCost = 80_000;

    /// <summary>Timestamps compared against the median of this many previous blocks.</summary>
    public const int MedianTimeSpan = 11;

    /// <summary>A header may be at most this many seconds ahead of the node's clock.</summary>
    public const long MaxFutureBlockTime = 2 * 60 * 60;

    /// <summary>BIP94: the first block of a period may be at most this many seconds before its parent.</summary>
    public const long MaxTimewarp = 600;

    /// <summary>A retarget changes the target by at most this factor either way.</summary>
    public const int RetargetClamp = 4;

    /// <summary>nLockTime below this is a height, at or above it a time.</summary>
    public const uint LocktimeThreshold = 500_000_000;
}
