using System.Buffers;

namespace Node.Wire;

/// <summary>
/// sendcmpct (BIP152): whether the peer wants high-bandwidth announcements, and the compact block version
/// (Core speaks only 2 and ignores others). Trailing bytes are ignored, as Core does.
/// </summary>
public readonly record struct SendCmpctMessage(bool HighBandwidth, ulong Version) : IMessagePayload
{
    public Command Command => Command.SendCmpct;
    public int PayloadSize => 9;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteBool(HighBandwidth);
        w.WriteUInt64(Version);
        w.EnsureFull();
    }

    public static SendCmpctMessage Decode(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        bool highBandwidth = r.ReadBool("sendcmpct announce");
        return new SendCmpctMessage(highBandwidth, r.ReadUInt64("sendcmpct version"));
    }
}
