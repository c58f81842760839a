using System.Buffers;
using Node.Primitives.Hashing;

namespace Node.Wire;

/// <summary>
/// Finds whole v1 messages in a receive buffer (a PipeReader's ReadOnlySequence, split anywhere
/// across segments) without copying payloads, with Core's V1Transport rules and order of checks.
/// </summary>
public static class FrameReader
{
    /// <summary>
    /// Looks for one message at the start of <paramref name="buffer"/>. On <see cref="FrameStatus.Complete"/> and
    /// <see cref="FrameStatus.Dropped"/> the buffer is advanced past the message (its new start is the consumed
    /// position); on <see cref="FrameStatus.NeedMoreData"/> it is left as it was.
    /// </summary>
    /// <exception cref="WireException">
    /// <see cref="WireError.WrongMagic"/> or <see cref="WireError.OversizedPayload"/>, found from the 24-byte
    /// header alone: Core disconnects, as the stream cannot be resynchronised.
    /// </exception>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, uint magic, out Frame frame) =>
        TryReadFrame(ref buffer, magic, deferBlockChecksum: false, out frame);

    /// <summary>
    /// Block messages of at least this many bytes may have their checksum verified by their consumer, in the same
    /// batched hashing as the block's transaction ids, rather than here.
    /// </summary>
    public const int MinDeferredChecksumBytes = 64 * 1024;

    /// <summary>
    /// <see cref="TryReadFrame(ref ReadOnlySequence{byte}, uint, out Frame)"/> that, when <paramref name="deferBlockChecksum"/>,
    /// hands a <c>block</c> message of at least <see cref="MinDeferredChecksumBytes"/> on unverified, flagged
    /// <see cref="Frame.ChecksumDeferred"/> with the header's checksum: the consumer verifies it.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, uint magic, bool deferBlockChecksum, out Frame frame)
    {
        frame = default;
        if (buffer.Length < MessageHeader.Size) return FrameStatus.NeedMoreData;

        var header = ReadHeader(buffer);
        if (header.Magic != magic)
            WireThrow.Error(WireError.WrongMagic, $"magic {header.Magic:x8}, expected {magic:x8}");
        if (header.PayloadLength > ProtocolLimits.MaxPayloadLength)
            WireThrow.Error(WireError.OversizedPayload,
                $"declared payload of {header.PayloadLength} bytes exceeds {ProtocolLimits.MaxPayloadLength}",
                ProtocolLimits.MaxPayloadLength);
        if (buffer.Length - MessageHeader.Size < header.PayloadLength) return FrameStatus.NeedMoreData;

        var payload = buffer.Slice(MessageHeader.Size, header.PayloadLength);
        buffer = buffer.Slice(payload.End);

        if (deferBlockChecksum && header.PayloadLength >= MinDeferredChecksumBytes && header.Name.Recognize() == Command.Block)
        {
            frame = new Frame(Command.Block, header.Name, payload, WireError.None, header.Checksum, checksumDeferred: true);
            return FrameStatus.Complete;
        }

        // Core checks the checksum first, then the command, and drops the message on either.
        WireError error = Checksum(payload) != header.Checksum ? WireError.BadChecksum
            : !header.Name.IsWellFormed ? WireError.MalformedCommand
            : WireError.None;
        var command = error == WireError.None ? header.Name.Recognize() : Command.Unknown;
        frame = new Frame(command, header.Name, payload, error, header.Checksum);
        return error == WireError.None ? FrameStatus.Complete : FrameStatus.Dropped;
    }

    /// <summary>The header checksum of a payload: the first 4 bytes of its SHA256d, as u32 LE.</summary>
    public static uint Checksum(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment) return Checksum(payload.FirstSpan);
        var hasher = Sha256Hasher.Create();
        foreach (var segment in payload) hasher.Append(segment.Span);
        return (uint)hasher.FinishDouble().Low64;
    }

    public static uint Checksum(ReadOnlySpan<byte> payload) => (uint)Sha256.DoubleHash(payload).Low64;

    private static MessageHeader ReadHeader(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= MessageHeader.Size) return MessageHeader.Read(first);
        Span<byte> header = stackalloc byte[MessageHeader.Size];
        buffer.Slice(0, MessageHeader.Size).CopyTo(header);
        return MessageHeader.Read(header);
    }
}
