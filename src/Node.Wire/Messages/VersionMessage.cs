using System.Buffers;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// The version message. Decoding follows Core's ProcessMessage: the fields up to the receiver's address
/// are required; the sender's address + nonce, the user agent, the start height and the relay flag are
/// each read only if bytes remain, else keep Core's defaults (nonce 1, "", -1, true). Trailing bytes are
/// ignored, as Core does.
/// </summary>
public sealed record VersionMessage : IMessagePayload
{
    public int Version { get; init; }
    public ulong Services { get; init; }
    public long Timestamp { get; init; }
    public NetworkAddress Receiver { get; init; }
    public NetworkAddress Sender { get; init; }
    public ulong Nonce { get; init; } = 1;
    public string UserAgent { get; init; } = "";
    public int StartHeight { get; init; } = -1;
    public bool Relay { get; init; } = true;

    public Command Command => Command.Version;

    public int PayloadSize
    {
        get
        {
            int agent = WireStrings.ByteCount(UserAgent);
            if (agent > ProtocolLimits.MaxUserAgentLength)
                throw new InvalidOperationException($"user agent exceeds MAX_SUBVERSION_LENGTH {ProtocolLimits.MaxUserAgentLength}");
            return 4 + 8 + 8 + NetworkAddress.Size * 2 + 8 + CompactSize.EncodedLength((ulong)agent) + agent + 4 + 1;
        }
    }

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteInt32(Version);
        w.WriteUInt64(Services);
        w.WriteInt64(Timestamp);
        Receiver.Write(ref w);
        Sender.Write(ref w);
        w.WriteUInt64(Nonce);
        w.WriteString(UserAgent);
        w.WriteInt32(StartHeight);
        w.WriteBool(Relay);
        w.EnsureFull();
    }

    public static VersionMessage Decode(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        int version = r.ReadInt32("version");
        ulong services = r.ReadUInt64("version services");
        long timestamp = r.ReadInt64("version timestamp");
        var receiver = NetworkAddress.Read(ref r, "version addr_recv");
        NetworkAddress sender = default;
        ulong nonce = 1;
        string userAgent = "";
        int startHeight = -1;
        bool relay = true;
        if (!r.End)
        {
            sender = NetworkAddress.Read(ref r, "version addr_from");
            nonce = r.ReadUInt64("version nonce");
        }
        if (!r.End) userAgent = r.ReadString("version user agent", ProtocolLimits.MaxUserAgentLength);
        if (!r.End) startHeight = r.ReadInt32("version start height");
        if (!r.End) relay = r.ReadBool("version relay");
        return new VersionMessage
        {
            Version = version, Services = services, Timestamp = timestamp, Receiver = receiver, Sender = sender,
            Nonce = nonce, UserAgent = userAgent, StartHeight = startHeight, Relay = relay,
        };
    }
}
