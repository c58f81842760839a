using Node.Primitives;

namespace Node.Sync.Headers;

/// <summary>What the sync core does after a headers message.</summary>
public enum HeaderSyncAction : byte
{
    /// <summary>Nothing more to ask (an announcement, or headers from a peer we do not sync from).</summary>
    None,
    /// <summary>A full batch: send getheaders from <see cref="HeaderBatchResult.Last"/> to the same peer.</summary>
    RequestMore,
    /// <summary>A short batch from the sync peer: its tip is reached with enough work; header sync with it is done.</summary>
    TipReached,
    /// <summary>The sync peer stopped below the minimum chain work: do not follow it; choose another sync peer.</summary>
    LowWorkChain,
    /// <summary>Disconnect the peer; <see cref="HeaderBatchResult.Error"/> says why.</summary>
    Disconnect,
}

/// <summary>Why a peer's headers get it disconnected.</summary>
public enum HeaderSyncError : byte
{
    None,
    /// <summary>More than MAX_HEADERS_RESULTS (2,000) headers in one message.</summary>
    TooManyHeaders,
    /// <summary>The first header's parent is unknown.</summary>
    DoesNotConnect,
    /// <summary>A header does not build on the one before it in the message.</summary>
    NotContinuous,
    /// <summary>A header at a checkpoint height has another hash than the checkpoint.</summary>
    CheckpointMismatch,
    /// <summary>A new header at or below a checkpoint our best header chain already passed (btcd's ErrForkTooOld).</summary>
    ForkBeforeCheckpoint,
    /// <summary>More headers than a block announcement from a peer that was not asked.</summary>
    Unrequested,
}

/// <param name="Action">What to do next.</param>
/// <param name="Error">The reason when <paramref name="Action"/> is <see cref="HeaderSyncAction.Disconnect"/>.</param>
/// <param name="ErrorHeight">The height of the offending header, or -1.</param>
/// <param name="Last">The hash of the last header of the batch (the next getheaders starts from it).</param>
/// <param name="LastHeight">Its height, or -1 for an empty batch.</param>
public readonly record struct HeaderBatchResult(HeaderSyncAction Action, HeaderSyncError Error, int ErrorHeight, Hash256 Last, int LastHeight)
{
    internal static HeaderBatchResult Fail(HeaderSyncError error, int height) =>
        new(HeaderSyncAction.Disconnect, error, height, default, -1);

    public override string ToString() => Action == HeaderSyncAction.Disconnect
        ? $"disconnect: {Error} at height {ErrorHeight}"
        : $"{Action} (last {Last} at height {LastHeight})";
}
