using System.Runtime.CompilerServices;

namespace Node.Primitives.Transactions;

/// <summary>
/// Forward reader over untrusted serialized data. Every length and count is checked against the
/// bytes left before it is used; the first failure is kept in <see cref="Error"/>.
/// </summary>
internal ref struct WireCursor(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    public int Position = position;
    public TxDecodeError Error;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Skip(int n)
    {
        if ((uint)n > (uint)(_data.Length - Position)) return Fail(TxDecodeError.Truncated);
        Position += n;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadByte(out byte value)
    {
        if ((uint)Position >= (uint)_data.Length) { value = 0; return Fail(TxDecodeError.Truncated); }
        value = _data[Position++];
        return true;
    }

    /// <summary>Reads a CompactSize count of items that take at least <paramref name="minItemSize"/> bytes each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadCount(int minItemSize, out int count)
    {
        if ((uint)Position < (uint)_data.Length && _data[Position] < 0xfd)
        {
            count = _data[Position++];
            if (count * minItemSize <= _data.Length - Position) return true;
            return Fail(TxDecodeError.Truncated);
        }
        return ReadLongCount(minItemSize, out count);
    }

    private bool ReadLongCount(int minItemSize, out int count)
    {
        count = 0;
        int used = CompactSize.TryRead(_data[Position..], out ulong value);
        if (used == 0) return Fail(TxDecodeError.Truncated);
        if (used < 0) return Fail(TxDecodeError.NonCanonicalCompactSize);
        if (value > CompactSize.MaxSize) return Fail(TxDecodeError.CountTooLarge);
        Position += used;
        if ((long)value * minItemSize > _data.Length - Position) return Fail(TxDecodeError.Truncated);
        count = (int)value;
        return true;
    }

    public bool Fail(TxDecodeError error)
    {
        Error = error;
        return false;
    }
}
