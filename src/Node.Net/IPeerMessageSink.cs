using Node.Wire;

namespace Node.Net;

/// <summary>
/// The consumer of a peer's traffic (the sync core). The calls come from the peer's own tasks, one at a time, in order:
/// <see cref="OnPeerConnected"/> once after the handshake, then <see cref="OnMessageAsync"/> per message, then
/// <see cref="OnPeerDisconnected"/> exactly once (also for a peer that never finished its handshake).
/// </summary>
public interface IPeerMessageSink
{
    void OnPeerConnected(Peer peer);

    /// <summary>
    /// A whole, checksum-verified (see <see cref="VerifiesLargeBlockChecksums"/>) message received after the handshake. Version, verack, ping, pong, wtxidrelay and
    /// sendaddrv2 are handled by the peer and not delivered; nor are commands without a codec.
    /// <para>
    /// The frame's payload points into the receive buffer and is valid until the returned task completes: the peer
    /// does not read further from the connection until then, so a consumer may hold a block's bytes (without
    /// copying) while it processes them. Return a completed task for messages that need nothing past the call.
    /// A disconnect does not cancel a held message: the peer finishes closing (and calls
    /// <see cref="OnPeerDisconnected"/>) after the task completes.
    /// </para>
    /// The consumer decodes the payload (<see cref="MessageDispatcher"/>). A <see cref="WireException"/> thrown here, or
    /// from the returned task, is read as Core reads a message that does not deserialize: a list over its protocol
    /// limit (<see cref="WireError.TooManyEntries"/>) is misbehaviour; anything else is logged and the message ignored.
    /// Any other exception disconnects the peer with <see cref="DisconnectReason.InternalError"/>.
    /// </summary>
    ValueTask OnMessageAsync(Peer peer, in Frame frame);

    void OnPeerDisconnected(Peer peer, PeerDisconnect reason);

    /// <summary>
    /// True when this consumer verifies the checksum of a large block message itself
    /// (<see cref="Frame.ChecksumDeferred"/>, see <see cref="FrameReader.MinDeferredChecksumBytes"/>) and drops the
    /// message on a mismatch; otherwise every message it receives was verified by the peer.
    /// </summary>
    bool VerifiesLargeBlockChecksums => false;
}
