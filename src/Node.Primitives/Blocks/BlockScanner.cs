using Node.Primitives.Hashing;
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
        var none = new NoVisitor();
        return TryScan(block, txids, wtxids, ref none, out shape, out error);
    }

    /// <summary>
    /// <see cref="TryScan(ReadOnlySpan{byte}, Span{byte}, Span{byte}, out BlockShape, out TxDecodeError)"/>
    /// that also hands each transaction, in order, to <paramref name="visitor"/>: whatever else a
    /// caller learns from the transactions then costs no second parse. The visitor may have seen
    /// some transactions of a block that turns out malformed.
    /// </summary>
    public static bool TryScan<TVisitor>(ReadOnlySpan<byte> block, Span<byte> txids, Span<byte> wtxids, ref TVisitor visitor,
        out BlockShape shape, out TxDecodeError error)
        where TVisitor : struct, IBlockTxVisitor
    {
        shape = default;
        if (!BlockReader.TryOpen(block, out var reader, out error)) return false;
        int needed = reader.TxCount * 32;
        if ((!txids.IsEmpty && txids.Length < needed) || (!wtxids.IsEmpty && wtxids.Length < needed))
            throw new ArgumentException($"the hash buffers need {needed} bytes for {reader.TxCount} transactions");

        // Every hash is of the transaction's whole bytes except a segwit txid; whole ones are hashed
        // two transactions at a time, and a segwit transaction's two ids side by side.
        bool both = !txids.IsEmpty && !wtxids.IsEmpty;
        // Pending pairs hold slices of the block, which outlives the loop.
        var pairs = new PairedDoubleHasher();
        int witnessTxs = 0, inputs = 0, outputs = 0, stripped = reader.FirstTxOffset, coinbaseLength = 0;
        for (int i = 0; reader.TryReadNext(out var tx, out error); i++)
        {
            var txid = txids.IsEmpty ? default : txids.Slice(i * 32, 32);
            var wtxid = wtxids.IsEmpty ? default : wtxids.Slice(i * 32, 32);
            if (!tx.HasWitness)
            {
                if (!txid.IsEmpty) pairs.Add(tx.Raw, txid, wtxid);
                else if (!wtxid.IsEmpty) pairs.Add(tx.Raw, wtxid, default);
            }
            else if (both) Sha256.DoubleHashSegwitTx(tx.Raw, tx.WitnessOffset, txid, wtxid);
            else if (!txid.IsEmpty) tx.ComputeTxId().WriteTo(txid);
            else if (!wtxid.IsEmpty) pairs.Add(tx.Raw, wtxid, default);
            visitor.Visit(i, tx);
            if (tx.HasWitness) witnessTxs++;
            if (i == 0) coinbaseLength = tx.TotalSize;
            inputs += tx.InputCount;
            outputs += tx.OutputCount;
            stripped += tx.StrippedSize;
        }
        if (error != TxDecodeError.None) return false;
        pairs.Flush();

        shape = new BlockShape(reader.TxCount, witnessTxs, inputs, outputs, stripped, block.Length, reader.FirstTxOffset, coinbaseLength);
        return true;
    }

    private struct NoVisitor : IBlockTxVisitor
    {
        public readonly void Visit(int index, TransactionReader tx) { }
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
