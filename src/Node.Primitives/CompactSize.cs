using System.Buffers.Binary;

namespace Node.Primitives;

/// <summary>Bitcoin's variable-length integer ("CompactSize"). Non-canonical encodings are rejected.</summary>
public static class CompactSize
{
    /// <summary>Bitcoin Core's MAX_SIZE: no count or length in a message may exceed it.</summary>
    public const ulong MaxSize = 0x02000000;

    public static int EncodedLength(ulong value) => value < 0xfd ? 1 : value <= 0xffff ? 3 : value <= 0xffff_ffff ? 5 : 9;

    /// <summary>
    /// Decodes at the start of <paramref name="s"/>. Returns the bytes consumed, 0 when more bytes are
    /// needed, or -1 for a non-canonical encoding.
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> s, out ulong value)
    {
        value = 0;
        if (s.IsEmpty) return 0;
        byte first = s[0];
        switch (first)
        {
            case < 0xfd:
                value = first;
                return 1;
            case 0xfd:
                if (s.Length < 3) return 0;
                value = BinaryPrimitives.ReadUInt16LittleEndian(s[1..]);
                return value < 0xfd ? -1 : 3;
            case 0xfe:
                if (s.Length < 5) return 0;
                value = BinaryPrimitives.ReadUInt32LittleEndian(s[1..]);
                return value <= 0xffff ? -1 : 5;
            default:
                if (s.Length < 9) return 0;
                value = BinaryPrimitives.ReadUInt64LittleEndian(s[1..]);
                return value <= 0xffff_ffff ? -1 : 9;
        }
    }

    public static int Write(Span<byte> d, ulong value)
    {
        if (value < 0xfd) { d[0] = (byte)value; return 1; }
        if (value <= 0xffff) { d[0] = 0xfd; BinaryPrimitives.WriteUInt16LittleEndian(d[1..], (ushort)value); return 3; }
        if (value <= 0xffff_ffff) { d[0] = 0xfe; BinaryPrimitives.WriteUInt32LittleEndian(d[1..], (uint)value); return 5; }
        d[0] = 0xff;
        BinaryPrimitives.WriteUInt64LittleEndian(d[1..], value);
        return 9;
    }
}
