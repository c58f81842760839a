using System.Buffers;

namespace Node.Wire;

/// <summary>ping: an 8-byte nonce (BIP31). Trailing bytes are ignored, as Core does.</summary>
public readonly record struct PingMessage(ulong Nonce) : IMessagePayload
{
    public Command Command => Command.Ping;
    public int PayloadSize => 8;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteUInt64(Nonce);
        w.EnsureFull();
    }

    public static PingMessage Decode(in ReadOnlySequence<byte> payload) =>
        new(new PayloadReader(payload).ReadUInt64("ping nonce"));
}
