using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Transactions;

namespace Node.Rpc.Codec;

/// <summary>One transaction of a stored block, found by its txid (getrawtransaction with a block hash).</summary>
internal static class BlockTransactionFinder
{
    /// <summary>The transaction of <paramref name="block"/> whose txid is <paramref name="txid"/>, or null.</summary>
    public static Transaction? Find(ReadOnlySpan<byte> block, in Hash256 txid)
    {
        if (!BlockScanner.TryReadTxCount(block, out int txCount, out var error)) throw new TxDecodeException(error);
        var txids = new byte[txCount * Hash256.Size];
        BlockScanner.Scan(block, txids, []);
        Span<byte> wanted = stackalloc byte[Hash256.Size];
        txid.WriteTo(wanted);
        for (int i = 0; i < txCount; i++)
        {
            if (!txids.AsSpan(i * Hash256.Size, Hash256.Size).SequenceEqual(wanted)) continue;
            BlockReader.TryOpen(block, out var reader, out _);
            for (int skip = 0; skip < i; skip++) reader.TryReadNext(out _, out _);
            return reader.TryReadNext(out TransactionReader tx, out error) ? Transaction.From(tx) : throw new TxDecodeException(error);
        }
        return null;
    }
}
