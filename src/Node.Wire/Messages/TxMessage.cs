using System.Buffers;

namespace Node.Wire;

/// <summary>
/// tx: the payload is the serialized transaction, handed out as the received slice without a copy, for
/// the transaction reader in Node.Primitives. Send one with <see cref="MessageWriter.WriteRaw(Command, ReadOnlySpan{byte})"/>.
/// </summary>
public readonly struct TxMessage(ReadOnlySequence<byte> payload)
{
    /// <summary>The serialized transaction; valid until the frame's buffer is released.</summary>
    public ReadOnlySequence<byte> Payload { get; } = payload;
}
