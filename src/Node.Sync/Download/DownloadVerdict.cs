namespace Node.Sync.Download;

/// <summary>Why block download wants a peer disconnected.</summary>
public enum DownloadVerdict : byte
{
    None,
    /// <summary>Its in-flight block held the download window still for longer than the stalling timeout.</summary>
    Stalling,
    /// <summary>Its oldest in-flight block took longer than the block download timeout.</summary>
    BlockDownloadTimeout,
}

/// <summary>What a block arrival meant to the scheduler.</summary>
public enum BlockReceipt : byte
{
    /// <summary>It was in flight from this peer; the request is closed.</summary>
    Requested,
    /// <summary>This peer was not asked for it: the caller disconnects the peer.</summary>
    Unrequested,
    /// <summary>The peer is not registered (already gone); ignore the block.</summary>
    UnknownPeer,
}
