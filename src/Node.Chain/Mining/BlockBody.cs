using Node.Primitives;
using Node.Primitives.Transactions;

namespace Node.Chain.Mining;

/// <summary>
/// The transactions of a block after its coinbase, in block order: their bytes back to back, their
/// txids and wtxids, weight and fees. Buffers grow as needed and are kept across <see cref="Clear"/>,
/// so a reused body allocates nothing once it has reached its working size.
/// </summary>
public sealed class BlockBody
{
    private byte[] _bytes;
    private byte[] _txids;
    private byte[] _wtxids;

    public BlockBody(int initialBytes = 1 << 16)
    {
        _bytes = new byte[Math.Max(initialBytes, 1024)];
        _txids = new byte[Math.Max(initialBytes / 4, 1024)];
        _wtxids = new byte[_txids.Length];
    }

    public int Count { get; private set; }

    /// <summary>Serialized bytes of all transactions.</summary>
    public int Size { get; private set; }

    /// <summary>Sum of the transactions' BIP141 weights.</summary>
    public long Weight { get; private set; }

    /// <summary>Sum of the fees the caller declared with each transaction: the coinbase may claim them.</summary>
    public long Fees { get; private set; }

    public bool HasWitness { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Size);

    /// <summary>32 bytes per transaction, internal byte order.</summary>
    public ReadOnlySpan<byte> TxIds => _txids.AsSpan(0, Count * Hash256.Size);

    public ReadOnlySpan<byte> WTxIds => _wtxids.AsSpan(0, Count * Hash256.Size);

    public void Clear()
    {
        Count = 0;
        Size = 0;
        Weight = 0;
        Fees = 0;
        HasWitness = false;
    }

    /// <summary>Room for the next transaction of at most <paramref name="maxLength"/> bytes; finish it with <see cref="Commit"/>.</summary>
    public Span<byte> GetWriteSpan(int maxLength)
    {
        if (Size + maxLength > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Size + maxLength));
        return _bytes.AsSpan(Size, maxLength);
    }

    /// <summary>Appends the transaction just written into <see cref="GetWriteSpan"/>, with hashes its writer computed.</summary>
    public void Commit(int length, in Hash256 txid, in Hash256 wtxid, int strippedSize, long fee)
    {
        if (length <= 0 || Size + length > _bytes.Length) throw new ArgumentOutOfRangeException(nameof(length));
        ArgumentOutOfRangeException.ThrowIfNegative(fee);
        if ((Count + 1) * Hash256.Size > _txids.Length)
        {
            Array.Resize(ref _txids, _txids.Length * 2);
            Array.Resize(ref _wtxids, _txids.Length);
        }
        txid.WriteTo(_txids.AsSpan(Count * Hash256.Size));
        wtxid.WriteTo(_wtxids.AsSpan(Count * Hash256.Size));
        Count++;
        Size += length;
        Weight += (long)strippedSize * 3 + length;
        Fees += fee;
        if (strippedSize != length) HasWitness = true;
    }

    /// <summary>
    /// Appends one serialized transaction (decoded and hashed here). <paramref name="fee"/> is what
    /// it pays, which this body cannot know without the outputs it spends; 0 forgoes it.
    /// </summary>
    /// <exception cref="TxDecodeException">The bytes are not exactly one transaction.</exception>
    public void Add(ReadOnlySpan<byte> rawTransaction, long fee = 0)
    {
        if (!TransactionReader.TryReadExact(rawTransaction, out var tx, out var error)) throw new TxDecodeException(error);
        if (tx.IsCoinbase) throw new ArgumentException("a block has one coinbase, which the assembler writes", nameof(rawTransaction));
        var txid = tx.ComputeTxId();
        var wtxid = tx.HasWitness ? tx.ComputeWTxId() : txid;
        int stripped = tx.StrippedSize;
        rawTransaction.CopyTo(GetWriteSpan(rawTransaction.Length));
        Commit(rawTransaction.Length, txid, wtxid, stripped, fee);
    }
}
