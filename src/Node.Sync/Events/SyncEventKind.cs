namespace Node.Sync.Events;

public enum SyncEventKind : byte
{
    /// <summary>A peer finished its handshake.</summary>
    PeerConnected,
    /// <summary>A message from a peer; <see cref="SyncEvent.Command"/> says which.</summary>
    Message,
    /// <summary>A peer is gone; no further event comes from it.</summary>
    PeerDisconnected,
    /// <summary>The sync core's periodic timer (stalls, timeouts, progress).</summary>
    Tick,
    /// <summary>A peer's send queue drained: serving its pending getdata may continue.</summary>
    ResumeServing,
    /// <summary>Blocks were connected while current: announce them to the peers.</summary>
    Announce,
}
