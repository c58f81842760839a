using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Wire;

/// <summary>Writes payload fields in order into a span sized exactly by the message's PayloadSize.</summary>
internal ref struct SpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16BigEndian(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[_position..], value);
        _position += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteHash(in Hash256 hash)
    {
        hash.WriteTo(_destination[_position..]);
        _position += Hash256.Size;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
    }

    public void WriteCompactSize(ulong value) => _position += CompactSize.Write(_destination[_position..], value);

    public void WriteString(string text)
    {
        WriteCompactSize((ulong)WireStrings.ByteCount(text));
        _position += WireStrings.Write(_destination[_position..], text);
    }

    /// <summary>A message's PayloadSize and what it wrote must agree exactly, or the frame would be corrupt.</summary>
    public readonly void EnsureFull()
    {
        if (_position != _destination.Length)
            throw new InvalidOperationException($"payload wrote {_position} bytes, declared {_destination.Length}");
    }
}
