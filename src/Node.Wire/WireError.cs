namespace Node.Wire;

/// <summary>Why bytes from a peer were rejected. Every wire failure carries one of these.</summary>
public enum WireError : byte
{
    None = 0,

    // Framing. Core disconnects on the first two (the stream cannot be resynchronised) and
    // drops the message but keeps the peer on the next two.
    WrongMagic,
    OversizedPayload,
    BadChecksum,
    MalformedCommand,

    // Payload decoding.
    Truncated,
    NonCanonicalCompactSize,
    /// <summary>A CompactSize above Core's MAX_SIZE (0x02000000) where Core range-checks it.</summary>
    CompactSizeTooLarge,
    /// <summary>A list count above its protocol limit; <see cref="WireException.Limit"/> says which.</summary>
    TooManyEntries,
    StringTooLong,
    /// <summary>An addrv2 address longer than BIP155's 512 bytes.</summary>
    AddressTooLong,
    /// <summary>An addrv2 address of a known network whose length is not that network's size.</summary>
    AddressSizeMismatch,
    /// <summary>A well-formed command this node has no codec for; Core ignores such messages.</summary>
    UnknownCommand,
}
