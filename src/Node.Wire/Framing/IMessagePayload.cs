namespace Node.Wire;

/// <summary>A message that knows its command and the exact size of its payload, so it can be encoded in place.</summary>
public interface IMessagePayload
{
    Command Command { get; }

    /// <summary>The exact number of bytes <see cref="WritePayload"/> writes.</summary>
    int PayloadSize { get; }

    /// <summary>Writes the payload into exactly <see cref="PayloadSize"/> bytes.</summary>
    void WritePayload(Span<byte> destination);
}
