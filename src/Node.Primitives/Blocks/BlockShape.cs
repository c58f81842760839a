namespace Node.Primitives.Blocks;

/// <summary>What a scan of a serialized block learned about it, beyond the transaction hashes.</summary>
public readonly record struct BlockShape(
    int TxCount,
    int WitnessTxCount,
    int InputCount,
    int OutputCount,
    int StrippedSize,
    int TotalSize,
    int CoinbaseOffset,
    int CoinbaseLength)
{
    /// <summary>BIP141 block weight.</summary>
    public int Weight => StrippedSize * 3 + TotalSize;

    public bool HasWitness => WitnessTxCount != 0;
}
