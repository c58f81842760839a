using System.Buffers;

namespace Node.Wire;

/// <summary>
/// pong: the nonce of the ping it answers. Trailing bytes are ignored; a payload shorter than 8 bytes
/// is Truncated (Core logs it as "Short payload" and clears the ping).
/// </summary>
public readonly record struct PongMessage(ulong Nonce) : IMessagePayload
{
    public Command Command => Command.Pong;
    public int PayloadSize => 8;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteUInt64(Nonce);
        w.EnsureFull();
    }

    public static PongMessage Decode(in ReadOnlySequence<byte> payload) =>
        new(new PayloadReader(payload).ReadUInt64("pong nonce"));
}
