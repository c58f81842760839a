using System.Buffers.Binary;

namespace Node.Primitives.Transactions;

/// <summary>One input of a <see cref="TransactionReader"/>, as slices of the transaction's bytes.</summary>
public readonly ref struct TxInput(ReadOnlySpan<byte> prevOut, ReadOnlySpan<byte> scriptSig, uint sequence)
{
    /// <summary>The 36-byte outpoint (txid then output index, as serialized): a ready key for duplicate checks.</summary>
    public ReadOnlySpan<byte> PrevOut { get; } = prevOut;
    public ReadOnlySpan<byte> PrevTxId => PrevOut[..32];
    public uint PrevIndex => BinaryPrimitives.ReadUInt32LittleEndian(PrevOut[32..]);
    public ReadOnlySpan<byte> ScriptSig { get; } = scriptSig;
    public uint Sequence { get; } = sequence;
}

/// <summary>Walks the inputs of a validated transaction; <c>foreach</c>-able without allocation.</summary>
public ref struct TxInputEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _left;

    internal TxInputEnumerator(ReadOnlySpan<byte> firstInput, int count)
    {
        _data = firstInput;
        _left = count;
        Current = default;
    }

    public TxInput Current { get; private set; }

    public readonly TxInputEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_left == 0) return false;
        _left--;
        var prevOut = _data.Slice(_position, 36);
        _position += 36;
        int scriptLength = ValidatedCompactSize.Read(_data, ref _position);
        var script = _data.Slice(_position, scriptLength);
        _position += scriptLength;
        Current = new TxInput(prevOut, script, BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]));
        _position += 4;
        return true;
    }
}
