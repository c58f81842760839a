using Node.Wire;

namespace Node.Sync.Events;

/// <summary>
/// What a peer posts to the sync core: small enough to copy through the ring by value. The message
/// bytes stay where they were received (a block's are in a pooled copy); <see cref="Lease"/> lends them
/// until the core releases it.
/// </summary>
public readonly record struct SyncEvent(int PeerId, SyncEventKind Kind, Command Command, PayloadLease Lease);
