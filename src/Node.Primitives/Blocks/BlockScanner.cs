using Node.Primitives.Transactions;

namespace Node.Primitives.Blocks;

/// <summary>One pass over a serialized block that writes every txid (and wtxid) into caller buffers.</summary>
public static class BlockScanner
{
    /// <summary>
    /// Validates the block's layout and measures it. Unless empty, <paramref name="txids"/> receives
    /// each txid and <paramref name="wtxids"/> each wtxid (32 bytes each, internal order; the
    /// coinbase's real wtxid is written, the witness merkle tree zeroes it). With both empty nothing is
    /// hashed. Buffers need 32 bytes per transaction: see <see cref="TryReadTxCount"/>.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> block, Span<byte> txids, Span<byte> wtxids, out BlockShape shape, out TxDecodeError error)
    {
        shape = default;
        if (!BlockReader.TryOpen(block, out var reader, out error)) return false;
        int needed = reader.TxCount * 32;
        if ((!txids.IsEmpty && txids.Length < needed) || (!wtxids.IsEmpty && wtxids.Length < needed))
            throw new ArgumentException($"the hash buffers need {needed} bytes for {reader.TxCount} transactions");

        int witnessTxs = 0, inputs = 0, outputs = 0, stripped = reader.FirstTxOffset, coinbaseLength = 0;
        for (int i = 0; reader.TryReadNext(out var tx, out error); i++)
        {
            if (!txids.IsEmpty) tx.ComputeTxId().WriteTo(txids.Slice(i * 32, 32));
            if (!wtxids.IsEmpty)
            {
                if (tx.HasWitness || txids.IsEmpty) tx.ComputeWTxId().WriteTo(wtxids.Slice(i * 32, 32));
                else txids.Slice(i * 32, 32).CopyTo(wtxids.Slice(i * 32, 32));
            }
            if (tx.HasWitness) witnessTxs++;
            if (i == 0) coinbaseLength = tx.TotalSize;
            inputs += tx.InputCount;
            outputs += tx.OutputCount;
            stripped += tx.StrippedSize;
        }
        if (error != TxDecodeError.None) return false;

        shape = new BlockShape(reader.TxCount, witnessTxs, inputs, outputs, stripped, block.Length, reader.FirstTxOffset, coinbaseLength);
        return true;
    }

    /// <summary>Throwing form of <see cref="TryScan"/>.</summary>
    public static BlockShape Scan(ReadOnlySpan<byte> block, Span<byte> txids, Span<byte> wtxids) =>
        TryScan(block, txids, wtxids, out var shape, out var error) ? shape : throw new TxDecodeException(error);

    /// <summary>The transaction count, to size the hash buffers (it is checked against the block's length).</summary>
    public static bool TryReadTxCount(ReadOnlySpan<byte> block, out int txCount, out TxDecodeError error)
    {
        txCount = 0;
        if (!BlockReader.TryOpen(block, out var reader, out error)) return false;
        txCount = reader.TxCount;
        return true;
    }
}
