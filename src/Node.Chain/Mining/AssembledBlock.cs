using Node.Primitives;

namespace Node.Chain.Mining;

/// <summary>A mined block: its header, hash, height and serialized bytes, and the coinbase's txid.</summary>
public readonly record struct AssembledBlock(BlockHeader Header, Hash256 Hash, int Height, Hash256 CoinbaseTxId, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>What the next block builds on; <paramref name="medianTimePast"/> is the median time including this block.</summary>
    public BlockParent AsParent(uint medianTimePast) => new(Hash, Height, Header.Time, medianTimePast);
}
