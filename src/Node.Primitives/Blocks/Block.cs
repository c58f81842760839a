using Node.Primitives.Transactions;

namespace Node.Primitives.Blocks;

/// <summary>
/// A materialized block (header and transactions) for RPC, tests and tools; the hot path uses
/// <see cref="BlockReader"/> and <see cref="BlockScanner"/>. Serializes back to its exact bytes.
/// </summary>
public sealed class Block
{
    public BlockHeader Header { get; set; }
    public List<Transaction> Transactions { get; set; } = [];

    /// <summary>Parses a block that fills <paramref name="data"/> exactly; throws <see cref="TxDecodeException"/>.</summary>
    public static Block Parse(ReadOnlySpan<byte> data)
    {
        if (!BlockReader.TryOpen(data, out var reader, out var error)) throw new TxDecodeException(error);
        var block = new Block { Header = BlockHeader.Read(reader.Header), Transactions = new List<Transaction>(reader.TxCount) };
        while (reader.TryReadNext(out var tx, out error)) block.Transactions.Add(Transaction.From(tx));
        if (error != TxDecodeError.None) throw new TxDecodeException(error);
        return block;
    }

    public Hash256 GetHash() => Header.GetHash();

    public int GetSerializedSize(bool withWitness = true)
    {
        int size = BlockHeader.Size + CompactSize.EncodedLength((ulong)Transactions.Count);
        foreach (var tx in Transactions) size += tx.GetSerializedSize(withWitness);
        return size;
    }

    public byte[] Serialize(bool withWitness = true)
    {
        var bytes = new byte[GetSerializedSize(withWitness)];
        Header.Write(bytes);
        int pos = BlockHeader.Size + CompactSize.Write(bytes.AsSpan(BlockHeader.Size), (ulong)Transactions.Count);
        foreach (var tx in Transactions) pos += tx.WriteTo(bytes.AsSpan(pos), withWitness);
        return bytes;
    }
}
