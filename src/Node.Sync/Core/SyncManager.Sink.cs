using Node.Net;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

// The peer side: runs on each peer's receive task, in parallel across peers. Stateless work only; everything
// that reads or changes sync state is posted to the core. Blocks are copied out and passed on (the peer reads on);
// other messages are lent (the peer waits for the core).
public sealed partial class SyncManager
{
    private readonly BlockCheckQueue _blockChecks = new(BlockCheckQueue.DefaultWorkers);

    public void OnPeerConnected(Peer peer)
    {
        var link = new PeerLink(peer, _ring.CreateWriter(), _powCheck, _options.BlocksPerPeer, _blockChecks, Counters);
        _links[peer.Id] = link;
        var ev = new SyncEvent(link.Id, SyncEventKind.PeerConnected, Command.Unknown, default);
        if (!link.Writer.TryWrite(ev)) link.PendingConnect = link.Writer.WriteAsync(ev).AsTask();
    }

    public ValueTask OnMessageAsync(Peer peer, in Frame frame)
    {
        if (!_links.TryGetValue(peer.Id, out var link)) return default;
        if (link.PendingConnect is { IsCompleted: false } pending) return LendAfterAsync(pending, link, frame);
        return Lend(link, frame);
    }

    /// <summary>A large block's checksum is verified with its checks (<see cref="ReceivedBlock"/>), in the same batched hashing.</summary>
    public bool VerifiesLargeBlockChecksums => true;

    public void OnPeerDisconnected(Peer peer, PeerDisconnect reason)
    {
        if (!_links.TryGetValue(peer.Id, out var link)) return;
        SyncLog.PeerGone(_log, link.Id, reason.ToString());
        var ev = new SyncEvent(link.Id, SyncEventKind.PeerDisconnected, Command.Unknown, default);
        if (link.PendingConnect is { IsCompleted: false } || !link.Writer.TryWrite(ev)) _ = PostLateAsync(link, ev);
    }

    private static async Task PostLateAsync(PeerLink link, SyncEvent ev)
    {
        if (link.PendingConnect is { } pending) await pending.ConfigureAwait(false);
        await link.Writer.WriteAsync(ev).ConfigureAwait(false);
    }

    private static async ValueTask LendAfterAsync(Task pending, PeerLink link, Frame frame)
    {
        await pending.ConfigureAwait(false);
        await Lend(link, frame).ConfigureAwait(false);
    }

    private static ValueTask Lend(PeerLink link, in Frame frame)
    {
        var command = frame.Command;
        var payload = frame.Payload;
        switch (command)
        {
            case Command.Headers:
                link.DecodeHeaders(payload);
                break;
            case Command.Block:
                return link.PassBlock(payload, frame.Checksum, frame.ChecksumDeferred);
            case Command.Inv or Command.NotFound or Command.GetHeaders or Command.GetBlocks or Command.GetData
                or Command.Tx or Command.SendHeaders or Command.FeeFilter:
                break;
            default:
                return default; // addr, sendcmpct, reject, mempool...: nothing for the sync core
        }
        return link.Lend(command, payload);
    }
}
