using System.Net;
using Microsoft.Extensions.Logging;
using Node.Primitives;
using Node.Storage;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

internal static partial class SyncLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "peer={PeerId} {Remote} added, height {Height}, services {Services:x}")]
    public static partial void PeerAdded(ILogger logger, int peerId, IPEndPoint remote, int height, ulong services);

    [LoggerMessage(Level = LogLevel.Information, Message = "peer={PeerId} gone: {Reason}")]
    public static partial void PeerGone(ILogger logger, int peerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "peer={PeerId} is the headers sync peer (height {Height})")]
    public static partial void SyncPeer(ILogger logger, int peerId, int height);

    [LoggerMessage(Level = LogLevel.Information, Message = "headers synced to height {Height} ({Hash})")]
    public static partial void HeadersSynced(ILogger logger, int height, Hash256 hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "peer={PeerId}: its header chain ends below the minimum chain work; not followed")]
    public static partial void LowWork(ILogger logger, int peerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dropping peer={PeerId}: {Reason}")]
    public static partial void Dropping(ILogger logger, int peerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "peer={PeerId} misbehaving: {Reason}")]
    public static partial void Misbehaving(ILogger logger, int peerId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "peer={PeerId}: ignoring getheaders while in initial block download")]
    public static partial void IgnoringGetHeaders(ILogger logger, int peerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "stored block {Hash} unreadable ({Error}): not served")]
    public static partial void StoredBlockUnreadable(ILogger logger, Hash256 hash, StorageError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "peer={PeerId}: {Command} does not decode: {Reason}")]
    public static partial void BadPayload(ILogger logger, int peerId, Command command, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "peer={PeerId}: dropped a message ({Error}) with command {Command}")]
    public static partial void DroppedMessage(ILogger logger, int peerId, WireError error, Command command);

    [LoggerMessage(Level = LogLevel.Error, Message = "sync core failed on {Kind} {Command} from peer={PeerId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, int peerId, SyncEventKind kind, Command command);

}
