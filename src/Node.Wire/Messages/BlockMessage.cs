using System.Buffers;

namespace Node.Wire;

/// <summary>
/// block: the payload is the serialized block itself, handed out as the received slice without a copy.
/// Structure (header, transactions, witnesses) is read by the zero-copy block reader in Node.Primitives;
/// Wire does not parse transactions. Send one with <see cref="MessageWriter.WriteRaw(Command, ReadOnlySpan{byte})"/>.
/// </summary>
public readonly struct BlockMessage(ReadOnlySequence<byte> payload)
{
    /// <summary>The serialized block; valid until the frame's buffer is released.</summary>
    public ReadOnlySequence<byte> Payload { get; } = payload;
}
