using System.Buffers.Binary;
using System.Net;

namespace Node.Wire;

/// <summary>
/// A v1 network address without a time (the version message's form, 26 bytes): services (u64 LE),
/// a 16-byte IPv6 address (IPv4 as ::ffff:a.b.c.d), port (u16 big-endian).
/// </summary>
/// <param name="Ip">The 16 address bytes as a big-endian 128-bit number.</param>
public readonly record struct NetworkAddress(ulong Services, UInt128 Ip, ushort Port)
{
    public const int Size = 26;

    public static NetworkAddress From(IPAddress address, ushort port, ulong services = 0)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.MapToIPv6().TryWriteBytes(bytes, out _)) throw new ArgumentException("not an IP address", nameof(address));
        return new NetworkAddress(services, BinaryPrimitives.ReadUInt128BigEndian(bytes), port);
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Ip);
        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    internal static NetworkAddress Read(ref PayloadReader reader, string what)
    {
        ulong services = reader.ReadUInt64(what);
        Span<byte> ip = stackalloc byte[16];
        reader.ReadBytes(ip, what);
        ushort port = reader.ReadUInt16BigEndian(what);
        return new NetworkAddress(services, BinaryPrimitives.ReadUInt128BigEndian(ip), port);
    }

    internal void Write(ref SpanWriter writer)
    {
        writer.WriteUInt64(Services);
        Span<byte> ip = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(ip, Ip);
        writer.WriteBytes(ip);
        writer.WriteUInt16BigEndian(Port);
    }
}
