using System.Buffers;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// reject (BIP61, removed from Core in 0.20, still sent by some peers): the rejected command (at most 12
/// bytes), a code, a reason (at most MAX_REJECT_MESSAGE_LENGTH, 111) and, as Core read it, a 32-byte hash
/// only when the rejected command is "block" or "tx". Trailing bytes are ignored.
/// </summary>
public sealed record RejectMessage(string Message, byte Code, string Reason, Hash256? Data) : IMessagePayload
{
    public const byte Malformed = 0x01;
    public const byte Invalid = 0x10;
    public const byte Obsolete = 0x11;
    public const byte Duplicate = 0x12;
    public const byte NonStandard = 0x40;
    public const byte Dust = 0x41;
    public const byte InsufficientFee = 0x42;
    public const byte Checkpoint = 0x43;

    public Command Command => Command.Reject;

    public int PayloadSize
    {
        get
        {
            int message = WireStrings.ByteCount(Message), reason = WireStrings.ByteCount(Reason);
            if (message > CommandName.Size || reason > ProtocolLimits.MaxRejectReasonLength)
                throw new InvalidOperationException("reject message or reason too long");
            return CompactSize.EncodedLength((ulong)message) + message + 1
                + CompactSize.EncodedLength((ulong)reason) + reason + (Data.HasValue ? Hash256.Size : 0);
        }
    }

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteString(Message);
        w.WriteByte(Code);
        w.WriteString(Reason);
        if (Data is { } data) w.WriteHash(data);
        w.EnsureFull();
    }

    public static RejectMessage Decode(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        string message = r.ReadString("reject message", CommandName.Size);
        byte code = r.ReadByte("reject code");
        string reason = r.ReadString("reject reason", ProtocolLimits.MaxRejectReasonLength);
        Hash256? data = message is "block" or "tx" ? r.ReadHash("reject data") : null;
        return new RejectMessage(message, code, reason, data);
    }
}
