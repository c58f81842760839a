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
        where TVisitor : struct, IBlockTxVisitor =>
        RunScan(block, txids, wtxids, default, null, ref visitor, out shape, out error);

    /// <summary>
    /// <see cref="TryScan{TVisitor}(ReadOnlySpan{byte}, Span{byte}, Span{byte}, ref TVisitor, out BlockShape, out TxDecodeError)"/>
    /// that also writes the double hash of the whole of <paramref name="block"/> (its message checksum's source) to
    /// <paramref name="blockDoubleHash"/> (32 bytes) when it is not empty, even for a block that turns out malformed.
    /// That long hash then runs in one batch with the transactions' (in the lanes it leaves), not alone: the batch's
    /// job list is <paramref name="scratch"/>'s, grown to this block if needed (nothing is allocated once it has
    /// seen a block as large).
    /// </summary>
    public static bool TryScan<TVisitor>(ReadOnlySpan<byte> block, Span<byte> txids, Span<byte> wtxids, Span<byte> blockDoubleHash,
        BlockScanScratch scratch, ref TVisitor visitor, out BlockShape shape, out TxDecodeError error)
        where TVisitor : struct, IBlockTxVisitor
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (!blockDoubleHash.IsEmpty && blockDoubleHash.Length < 32) throw new ArgumentException("the block hash needs 32 bytes", nameof(blockDoubleHash));
        return RunScan(block, txids, wtxids, blockDoubleHash, scratch, ref visitor, out shape, out error);
    }

    /// <summary>The scan; <paramref name="scratch"/> is used (and not null) only when <paramref name="blockDoubleHash"/> is asked.</summary>
    private static unsafe bool RunScan<TVisitor>(ReadOnlySpan<byte> block, Span<byte> txids, Span<byte> wtxids, Span<byte> blockDoubleHash,
        BlockScanScratch? scratch, ref TVisitor visitor, out BlockShape shape, out TxDecodeError error)
        where TVisitor : struct, IBlockTxVisitor
    {
        shape = default;
        if (!BlockReader.TryOpen(block, out var reader, out error))
        {
            if (!blockDoubleHash.IsEmpty) Sha256.DoubleHash(block).WriteTo(blockDoubleHash);
            return false;
        }
        int needed = reader.TxCount * 32;
        if ((!txids.IsEmpty && txids.Length < needed) || (!wtxids.IsEmpty && wtxids.Length < needed))
            throw new ArgumentException($"the hash buffers need {needed} bytes for {reader.TxCount} transactions");

        // Every hash is queued for a batch (interleaved lanes): a segwit transaction's txid and wtxid
        // as two jobs over its bytes, another transaction's one hash written to both buffers. With the
        // whole block's hash, every job goes into one batch, the block's first: the other lanes take the
        // transactions while one hashes the block.
        Span<Sha256Native.Job> jobs = blockDoubleHash.IsEmpty ? stackalloc Sha256Native.Job[HashBatchSize] : scratch!.Jobs(reader.TxCount * 2 + 1);
        int witnessTxs = 0, inputs = 0, outputs = 0, stripped = reader.FirstTxOffset, coinbaseLength = 0;
        fixed (byte* blockStart = block)
        fixed (byte* txidStart = txids)
        fixed (byte* wtxidStart = wtxids)
        fixed (byte* blockHash = blockDoubleHash)
        {
            var batch = new Sha256Batch(jobs);
            if (blockHash != null) batch.Add(blockStart, block.Length, 0, blockHash, null);
            for (int i = 0; reader.TryReadNext(ref visitor, out var tx, out error); i++)
            {
                byte* raw = blockStart + (reader.Position - tx.TotalSize);
                byte* txid = txids.IsEmpty ? null : txidStart + i * 32;
                byte* wtxid = wtxids.IsEmpty ? null : wtxidStart + i * 32;
                if (!tx.HasWitness)
                {
                    if (txid != null) batch.Add(raw, tx.TotalSize, 0, txid, wtxid);
                    else if (wtxid != null) batch.Add(raw, tx.TotalSize, 0, wtxid, null);
                }
                else
                {
                    if (txid != null) batch.Add(raw, tx.TotalSize, tx.WitnessOffset, txid, null);
                    if (wtxid != null) batch.Add(raw, tx.TotalSize, 0, wtxid, null);
                }
                visitor.Visit(i, tx);
                if (tx.HasWitness) witnessTxs++;
                if (i == 0) coinbaseLength = tx.TotalSize;
                inputs += tx.InputCount;
                outputs += tx.OutputCount;
                stripped += tx.StrippedSize;
            }
            if (error != TxDecodeError.None && blockHash == null) return false;
            batch.Flush();
            if (error != TxDecodeError.None) return false;
        }

        shape = new BlockShape(reader.TxCount, witnessTxs, inputs, outputs, stripped, block.Length, reader.FirstTxOffset, coinbaseLength);
        return true;
    }

    /// <summary>Jobs per native batch: enough that the lanes rarely drain, little enough for the stack (40 bytes each).</summary>
    private const int HashBatchSize = 64;

    private struct NoVisitor : IBlockTxVisitor
    {
        public readonly void Inputs(int count) { }
        public readonly void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }
        public readonly void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }
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
