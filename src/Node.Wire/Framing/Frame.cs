using System.Buffers;

namespace Node.Wire;

/// <summary>
/// One whole message found in the receive buffer. <see cref="Payload"/> is a slice of that
/// buffer, not a copy: it is valid until the reader advances past it.
/// </summary>
public readonly struct Frame(Command command, CommandName name, ReadOnlySequence<byte> payload, WireError error)
{
    /// <summary>
    /// The recognised command, or <see cref="Wire.Command.Unknown"/> for a well-formed name this node has no codec
    /// for (see <see cref="Name"/>). Always Unknown on a dropped frame.
    /// </summary>
    public Command Command { get; } = command;

    /// <summary>The raw 12-byte command field as received.</summary>
    public CommandName Name { get; } = name;

    public ReadOnlySequence<byte> Payload { get; } = payload;

    /// <summary>
    /// <see cref="WireError.None"/> for a usable frame; for a dropped one
    /// (<see cref="FrameStatus.Dropped"/>), <see cref="WireError.BadChecksum"/> or <see cref="WireError.MalformedCommand"/>.
    /// </summary>
    public WireError Error { get; } = error;
}
