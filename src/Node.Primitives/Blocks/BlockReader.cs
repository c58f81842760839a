using Node.Primitives.Transactions;

namespace Node.Primitives.Blocks;

/// <summary>
/// Walks a serialized block: the 80-byte header, the transaction count, then each transaction as a
/// <see cref="TransactionReader"/> over the block's own bytes. Nothing is copied or allocated.
/// </summary>
public ref struct BlockReader
{
    private readonly ReadOnlySpan<byte> _block;
    private int _position;
    private int _left;

    private BlockReader(ReadOnlySpan<byte> block, int firstTxOffset, int txCount)
    {
        _block = block;
        _position = firstTxOffset;
        _left = txCount;
        TxCount = txCount;
        FirstTxOffset = firstTxOffset;
    }

    public readonly ReadOnlySpan<byte> Header => _block[..BlockHeader.Size];
    public int TxCount { get; }

    /// <summary>Offset of the first (coinbase) transaction.</summary>
    public int FirstTxOffset { get; }

    /// <summary>Offset of the next transaction to read; after the last one, the block's length.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the header and transaction count; the count is checked against the bytes left.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> block, out BlockReader reader, out TxDecodeError error)
    {
        reader = default;
        var cur = new WireCursor(block, 0);
        if (!cur.Skip(BlockHeader.Size) || !cur.ReadCount(TransactionReader.MinSize, out int txCount))
        {
            error = cur.Error;
            return false;
        }
        reader = new BlockReader(block, cur.Position, txCount);
        error = TxDecodeError.None;
        return true;
    }

    /// <summary>
    /// Reads the next transaction. Returns false with <see cref="TxDecodeError.None"/> once all are
    /// read and the block ends exactly there; false with the reason on malformed data.
    /// </summary>
    public bool TryReadNext(out TransactionReader tx, out TxDecodeError error)
    {
        var none = new TransactionReader.NoParts();
        return TryReadNext(ref none, out tx, out error);
    }

    /// <summary><see cref="TryReadNext(out TransactionReader, out TxDecodeError)"/> handing each input and output to <paramref name="parts"/>.</summary>
    public bool TryReadNext<TParts>(scoped ref TParts parts, out TransactionReader tx, out TxDecodeError error)
        where TParts : struct, ITxPartVisitor
    {
        if (_left == 0)
        {
            tx = default;
            error = _position == _block.Length ? TxDecodeError.None : TxDecodeError.TrailingBytes;
            return false;
        }
        if (!TransactionReader.TryRead(_block[_position..], ref parts, out tx, out error)) return false;
        _position += tx.TotalSize;
        _left--;
        return true;
    }
}
