using System.Buffers;
using System.Runtime.CompilerServices;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// Reads payload fields straight from a (possibly multi-segment) sequence. Every read checks the
/// remaining bytes first and throws a <see cref="WireException"/> naming the field it was reading.
/// </summary>
internal ref struct PayloadReader(in ReadOnlySequence<byte> payload)
{
    private SequenceReader<byte> _reader = new(payload);

    public long Remaining => _reader.Remaining;

    public bool End => _reader.End;

    /// <summary>The contiguous unread bytes of the current segment (fast paths parse from it directly).</summary>
    public ReadOnlySpan<byte> UnreadSpan => _reader.UnreadSpan;

    public void Advance(long count) => _reader.Advance(count);

    public byte ReadByte(string what)
    {
        if (!_reader.TryRead(out byte value)) WireThrow.Truncated(what);
        return value;
    }

    public bool ReadBool(string what) => ReadByte(what) != 0; // Core: any non-zero byte is true

    public ushort ReadUInt16BigEndian(string what)
    {
        if (!_reader.TryReadBigEndian(out short value)) WireThrow.Truncated(what);
        return (ushort)value;
    }

    public int ReadInt32(string what)
    {
        if (!_reader.TryReadLittleEndian(out int value)) WireThrow.Truncated(what);
        return value;
    }

    public uint ReadUInt32(string what) => (uint)ReadInt32(what);

    public long ReadInt64(string what)
    {
        if (!_reader.TryReadLittleEndian(out long value)) WireThrow.Truncated(what);
        return value;
    }

    public ulong ReadUInt64(string what) => (ulong)ReadInt64(what);

    [SkipLocalsInit]
    public Hash256 ReadHash(string what)
    {
        var span = _reader.UnreadSpan;
        if (span.Length >= Hash256.Size)
        {
            var hash = new Hash256(span);
            _reader.Advance(Hash256.Size);
            return hash;
        }
        Span<byte> tmp = stackalloc byte[Hash256.Size];
        ReadBytes(tmp, what);
        return new Hash256(tmp);
    }

    public void ReadBytes(scoped Span<byte> destination, string what)
    {
        if (!_reader.TryCopyTo(destination)) WireThrow.Truncated(what);
        _reader.Advance(destination.Length);
    }

    /// <summary>A canonical CompactSize, with no range check (callers apply the limit that Core applies).</summary>
    [SkipLocalsInit]
    public ulong ReadCompactSize(string what)
    {
        scoped ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (span.Length < 9)
        {
            Span<byte> tmp = stackalloc byte[9];
            int available = (int)Math.Min(9, _reader.Remaining);
            _reader.UnreadSequence.Slice(0, available).CopyTo(tmp);
            span = tmp[..available];
        }
        int consumed = CompactSize.TryRead(span, out ulong value);
        if (consumed == 0) WireThrow.Truncated(what);
        if (consumed < 0) WireThrow.NonCanonicalCompactSize(what);
        _reader.Advance(consumed);
        return value;
    }

    /// <summary>
    /// A list count: at most <paramref name="limit"/>, and no more entries than the remaining bytes can hold
    /// at <paramref name="minEntrySize"/> bytes each. Checked before the caller allocates anything for it.
    /// </summary>
    public int ReadCount(string what, int limit, string limitName, int minEntrySize)
    {
        ulong count = ReadCompactSize(what);
        if (count > (ulong)limit) WireThrow.TooManyEntries(what, count, limit, limitName);
        if ((long)count * minEntrySize > _reader.Remaining) WireThrow.Truncated(what);
        return (int)count;
    }

    /// <summary>A length-prefixed byte string of at most <paramref name="limit"/> bytes (Core's LIMITED_STRING).</summary>
    public string ReadString(string what, int limit)
    {
        ulong length = ReadCompactSize(what);
        if (length > (ulong)limit) WireThrow.StringTooLong(what, length, limit);
        if ((long)length > _reader.Remaining) WireThrow.Truncated(what);
        var bytes = _reader.UnreadSequence.Slice(0, (long)length);
        _reader.Advance((long)length);
        return WireStrings.Decode(bytes);
    }
}
