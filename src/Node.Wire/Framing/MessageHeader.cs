using System.Buffers.Binary;

namespace Node.Wire;

/// <summary>
/// The 24-byte v1 message header: magic (u32 LE), command (12 bytes ASCII, NUL-padded),
/// payload length (u32 LE), checksum (the first 4 bytes of SHA256d(payload), read as u32 LE).
/// </summary>
public readonly record struct MessageHeader(uint Magic, CommandName Name, uint PayloadLength, uint Checksum)
{
    public const int Size = 24;

    public static MessageHeader Read(ReadOnlySpan<byte> s) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(s),
        CommandName.Read(s[4..16]),
        BinaryPrimitives.ReadUInt32LittleEndian(s[16..]),
        BinaryPrimitives.ReadUInt32LittleEndian(s[20..]));

    public void Write(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d, Magic);
        Name.WriteTo(d[4..16]);
        BinaryPrimitives.WriteUInt32LittleEndian(d[16..], PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(d[20..], Checksum);
    }
}
