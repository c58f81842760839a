namespace Node.Net;

/// <summary>Why a peer connection ended. Every disconnect carries one, logged and reported to the sink.</summary>
public enum DisconnectReason : byte
{
    None = 0,

    /// <summary>This node asked for it: shutdown, or the sync layer dropping the peer.</summary>
    Requested,

    /// <summary>The remote side closed the connection.</summary>
    RemoteClosed,

    /// <summary>The socket failed (reset, unreachable).</summary>
    SocketError,

    // Framing (the stream cannot be resynchronised).
    WrongMagic,
    OversizedPayload,

    // Handshake.
    SelfConnection,
    ObsoleteVersion,
    MissingServices,
    HandshakeTimeout,

    /// <summary>A message that is only valid before verack (wtxidrelay, sendaddrv2) arrived after it.</summary>
    ProtocolViolation,

    // Liveness.
    PingTimeout,
    IdleTimeout,

    /// <summary>The peer stopped reading its socket: our sends made no progress for the send timeout.</summary>
    SendStalled,

    // Connection management.
    Misbehaviour,
    Banned,
    InboundLimit,

    /// <summary>The consumer threw something other than a <see cref="Wire.WireException"/>: a fault on our side.</summary>
    InternalError,
}

/// <summary>The reason a peer was disconnected and a human-readable detail for the log.</summary>
public readonly record struct PeerDisconnect(DisconnectReason Reason, string Detail)
{
    public override string ToString() => Detail.Length == 0 ? Reason.ToString() : $"{Reason}: {Detail}";
}
