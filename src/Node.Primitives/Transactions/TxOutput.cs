using System.Buffers.Binary;

namespace Node.Primitives.Transactions;

/// <summary>One output of a <see cref="TransactionReader"/>: its value and a slice holding its script.</summary>
public readonly ref struct TxOutput(long value, ReadOnlySpan<byte> scriptPubKey)
{
    /// <summary>Satoshis as serialized (signed, like Core's CAmount; range checks belong to validation).</summary>
    public long Value { get; } = value;
    public ReadOnlySpan<byte> ScriptPubKey { get; } = scriptPubKey;
}

/// <summary>Walks the outputs of a validated transaction; <c>foreach</c>-able without allocation.</summary>
public ref struct TxOutputEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _left;

    internal TxOutputEnumerator(ReadOnlySpan<byte> firstOutput, int count)
    {
        _data = firstOutput;
        _left = count;
        Current = default;
    }

    public TxOutput Current { get; private set; }

    public readonly TxOutputEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_left == 0) return false;
        _left--;
        long value = BinaryPrimitives.ReadInt64LittleEndian(_data[_position..]);
        _position += 8;
        int scriptLength = ValidatedCompactSize.Read(_data, ref _position);
        Current = new TxOutput(value, _data.Slice(_position, scriptLength));
        _position += scriptLength;
        return true;
    }
}
