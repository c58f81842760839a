using System.Buffers;

namespace Node.Wire;

/// <summary>
/// One whole message found in the receive buffer. <see cref="Payload"/> is a slice of that
/// buffer, not a copy: it is valid until the reader advances past it.
/// </summary>
public readonly struct Frame(Command command, CommandName name, ReadOnlySequence<byte> payload, WireError error, uint checksum = 0,
    bool checksumDeferred = false)
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
    /// The header's checksum field (the first 4 bytes of SHA256d(payload), as u32 LE). On a usable frame from
    /// <see cref="FrameReader"/> it was verified (unless <see cref="ChecksumDeferred"/>) against the payload, so it can be kept with the payload (a stored
    /// block) and reused to send it; 0 on a frame built without one.
    /// </summary>
    public uint Checksum { get; } = checksum;

    /// <summary>
    /// A large block message handed on with its checksum not yet verified (<see cref="FrameReader.MinDeferredChecksumBytes"/>):
    /// its consumer must compare <see cref="Checksum"/> with the payload's and, on a mismatch, drop it as the reader
    /// drops a <see cref="WireError.BadChecksum"/> frame.
    /// </summary>
    public bool ChecksumDeferred { get; } = checksumDeferred;

    /// <summary>
    /// <see cref="WireError.None"/> for a usable frame; for a dropped one
    /// (<see cref="FrameStatus.Dropped"/>), <see cref="WireError.BadChecksum"/> or <see cref="WireError.MalformedCommand"/>.
    /// </summary>
    public WireError Error { get; } = error;
}
