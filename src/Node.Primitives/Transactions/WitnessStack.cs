namespace Node.Primitives.Transactions;

/// <summary>The witness stack of one input: its item count and a walk over the items.</summary>
public readonly ref struct WitnessStack(ReadOnlySpan<byte> firstItem, int count)
{
    private readonly ReadOnlySpan<byte> _firstItem = firstItem;

    public int Count { get; } = count;

    public WitnessItemEnumerator GetEnumerator() => new(_firstItem, Count);
}

/// <summary>Walks the items of one witness stack.</summary>
public ref struct WitnessItemEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _left;

    internal WitnessItemEnumerator(ReadOnlySpan<byte> firstItem, int count)
    {
        _data = firstItem;
        _left = count;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public bool MoveNext()
    {
        if (_left == 0) return false;
        _left--;
        int length = ValidatedCompactSize.Read(_data, ref _position);
        Current = _data.Slice(_position, length);
        _position += length;
        return true;
    }
}

/// <summary>Walks the witness stacks of a validated transaction, one per input, in input order.</summary>
public ref struct WitnessEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _left;

    internal WitnessEnumerator(ReadOnlySpan<byte> firstStack, int count)
    {
        _data = firstStack;
        _left = count;
        Current = default;
    }

    public WitnessStack Current { get; private set; }

    public readonly WitnessEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_left == 0) return false;
        _left--;
        int items = ValidatedCompactSize.Read(_data, ref _position);
        int start = _position;
        for (int i = 0; i < items; i++)
        {
            int length = ValidatedCompactSize.Read(_data, ref _position);
            _position += length;
        }
        Current = new WitnessStack(_data[start.._position], items);
        return true;
    }
}
