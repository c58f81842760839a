using System.Buffers;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// addr: at most MAX_ADDR_TO_SEND (1,000) timed v1 addresses; Core treats more as misbehaviour.
/// A rare message, so it decodes into an array. Trailing bytes are ignored, as Core does.
/// </summary>
public sealed class AddrMessage(TimedNetworkAddress[] addresses) : IMessagePayload
{
    public IReadOnlyList<TimedNetworkAddress> Addresses { get; } = addresses.Length <= ProtocolLimits.MaxAddresses
        ? addresses
        : throw new ArgumentException($"an addr message has at most {ProtocolLimits.MaxAddresses} entries", nameof(addresses));

    public Command Command => Command.Addr;

    public int PayloadSize => CompactSize.EncodedLength((ulong)Addresses.Count) + Addresses.Count * TimedNetworkAddress.Size;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteCompactSize((ulong)Addresses.Count);
        foreach (var entry in Addresses)
        {
            w.WriteUInt32(entry.Time);
            entry.Address.Write(ref w);
        }
        w.EnsureFull();
    }

    public static AddrMessage Decode(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        int count = r.ReadCount("addr", ProtocolLimits.MaxAddresses, "MAX_ADDR_TO_SEND", TimedNetworkAddress.Size);
        var addresses = new TimedNetworkAddress[count];
        for (int i = 0; i < addresses.Length; i++)
        {
            uint time = r.ReadUInt32("addr time");
            addresses[i] = new TimedNetworkAddress(time, NetworkAddress.Read(ref r, "addr address"));
        }
        return new AddrMessage(addresses);
    }
}
