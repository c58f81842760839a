using System.Buffers;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// addrv2 (BIP155): at most MAX_ADDR_TO_SEND (1,000) entries. As in Core, an address longer than 512 bytes
/// or a known network's address of the wrong size fails the whole message; services are a CompactSize
/// without Core's MAX_SIZE range check. Trailing bytes are ignored, as Core does.
/// </summary>
public sealed class AddrV2Message(AddrV2Entry[] entries) : IMessagePayload
{
    // time 4, services >= 1, network 1, length >= 1, port 2
    private const int MinEntrySize = 9;

    public IReadOnlyList<AddrV2Entry> Entries { get; } = entries.Length <= ProtocolLimits.MaxAddresses
        ? entries
        : throw new ArgumentException($"an addrv2 message has at most {ProtocolLimits.MaxAddresses} entries", nameof(entries));

    public Command Command => Command.AddrV2;

    public int PayloadSize
    {
        get
        {
            int size = CompactSize.EncodedLength((ulong)Entries.Count);
            foreach (var e in Entries)
                size += 4 + CompactSize.EncodedLength(e.Services) + 1 + CompactSize.EncodedLength((ulong)e.Address.Length) + e.Address.Length + 2;
            return size;
        }
    }

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteCompactSize((ulong)Entries.Count);
        foreach (var e in Entries)
        {
            w.WriteUInt32(e.Time);
            w.WriteCompactSize(e.Services);
            w.WriteByte((byte)e.Network);
            w.WriteCompactSize((ulong)e.Address.Length);
            w.WriteBytes(e.Address.Span);
            w.WriteUInt16BigEndian(e.Port);
        }
        w.EnsureFull();
    }

    public static AddrV2Message Decode(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        int count = r.ReadCount("addrv2", ProtocolLimits.MaxAddresses, "MAX_ADDR_TO_SEND", MinEntrySize);
        var entries = new AddrV2Entry[count];
        for (int i = 0; i < entries.Length; i++)
        {
            uint time = r.ReadUInt32("addrv2 time");
            ulong services = r.ReadCompactSize("addrv2 services");
            var network = (AddrV2Network)r.ReadByte("addrv2 network");
            ulong length = r.ReadCompactSize("addrv2 address length");
            if (length > ProtocolLimits.MaxAddrV2AddressLength)
                WireThrow.Error(WireError.AddressTooLong,
                    $"addrv2 address of {length} bytes exceeds MAX_ADDRV2_SIZE {ProtocolLimits.MaxAddrV2AddressLength}",
                    ProtocolLimits.MaxAddrV2AddressLength);
            int expected = AddrV2Entry.AddressSizeOf(network);
            if (expected >= 0 && length != (ulong)expected)
                WireThrow.Error(WireError.AddressSizeMismatch, $"BIP155 {network} address with length {length} (should be {expected})", expected);
            if ((long)length > r.Remaining) WireThrow.Truncated("addrv2 address");
            var address = new byte[(int)length];
            r.ReadBytes(address, "addrv2 address");
            entries[i] = new AddrV2Entry(time, services, network, address, r.ReadUInt16BigEndian("addrv2 port"));
        }
        return new AddrV2Message(entries);
    }
}
