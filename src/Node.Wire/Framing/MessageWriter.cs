using System.Buffers;

namespace Node.Wire;

/// <summary>
/// Writes framed messages (header + payload) into an <see cref="IBufferWriter{T}"/>, such as a PipeWriter,
/// without allocating.
/// </summary>
public readonly struct MessageWriter(IBufferWriter<byte> output, uint magic)
{
    /// <summary>Encodes the payload straight into the output after the header, then fills in the header.</summary>
    public void Write<T>(in T message) where T : IMessagePayload, allows ref struct
    {
        int size = message.PayloadSize;
        CheckLength(size);
        var span = output.GetSpan(MessageHeader.Size + size);
        var payload = span.Slice(MessageHeader.Size, size);
        message.WritePayload(payload);
        new MessageHeader(magic, CommandNames.Of(message.Command), (uint)size, FrameReader.Checksum(payload)).Write(span);
        output.Advance(MessageHeader.Size + size);
    }

    /// <summary>Frames an already serialized payload (a block or transaction as stored or received).</summary>
    public void WriteRaw(Command command, ReadOnlySpan<byte> payload)
    {
        CheckLength(payload.Length);
        WriteHeader(command, payload.Length, FrameReader.Checksum(payload));
        output.Write(payload);
    }

    /// <inheritdoc cref="WriteRaw(Command, ReadOnlySpan{byte})"/>
    public void WriteRaw(Command command, in ReadOnlySequence<byte> payload) => WriteRaw(command, payload, FrameReader.Checksum(payload));

    /// <summary>
    /// Frames a payload whose checksum the caller already holds (<see cref="FrameReader.Checksum(ReadOnlySpan{byte})"/>
    /// of exactly these bytes, e.g. kept with a stored block): nothing is hashed, so a wrong one goes out as it is.
    /// </summary>
    public void WriteRaw(Command command, in ReadOnlySequence<byte> payload, uint checksum)
    {
        CheckLength(payload.Length);
        WriteHeader(command, (int)payload.Length, checksum);
        foreach (var segment in payload) output.Write(segment.Span);
    }

    /// <summary>
    /// Frames <paramref name="payload"/> as <see cref="WriteRaw(Command, in ReadOnlySequence{byte}, uint)"/> does but writes
    /// only its first <paramref name="headBytes"/> bytes after the header: the caller sends the rest itself, next on the
    /// same connection.
    /// </summary>
    public void WriteRawHead(Command command, in ReadOnlySequence<byte> payload, uint checksum, long headBytes)
    {
        CheckLength(payload.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headBytes, payload.Length);
        WriteHeader(command, (int)payload.Length, checksum);
        foreach (var segment in payload.Slice(0, headBytes)) output.Write(segment.Span);
    }

    private void WriteHeader(Command command, int length, uint checksum)
    {
        var span = output.GetSpan(MessageHeader.Size);
        new MessageHeader(magic, CommandNames.Of(command), (uint)length, checksum).Write(span);
        output.Advance(MessageHeader.Size);
    }

    private static void CheckLength(long size)
    {
        if (size > ProtocolLimits.MaxPayloadLength)
            throw new ArgumentException($"a payload may not exceed {ProtocolLimits.MaxPayloadLength} bytes; peers would disconnect");
    }
}
