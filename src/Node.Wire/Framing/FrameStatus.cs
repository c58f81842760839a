namespace Node.Wire;

/// <summary>What <see cref="FrameReader.TryReadFrame"/> found at the start of the buffer.</summary>
public enum FrameStatus : byte
{
    /// <summary>A whole valid message; the buffer now starts after it.</summary>
    Complete,

    /// <summary>No whole message yet; the buffer is unchanged. Read more bytes and call again.</summary>
    NeedMoreData,

    /// <summary>
    /// A whole message Core drops without disconnecting (the frame's Error says why: bad checksum or
    /// malformed command). The buffer now starts after it: skip it and carry on reading.
    /// </summary>
    Dropped,
}
