using System.Buffers;
using Node.Chain.Index;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Sync.Download;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

// Announcements both ways: incoming inv (blocks we lack are fetched; during IBD only the sync peer is heard, as
// btcd), notfound, unsolicited transactions, and our new tips announced to peers that do not know them.
public sealed partial class SyncManager
{
    private void OnInv(PeerSyncState peer, in ReadOnlySequence<byte> payload)
    {
        int count = InventoryMessage.ReadCount(payload);
        var items = ArrayPool<InventoryVector>.Shared.Rent(Math.Max(count, 1));
        try
        {
            InventoryMessage.Decode(payload, items);
            bool ibd = _chain.IsInitialBlockDownload;
            var syncPeer = SyncPeer;
            bool askedHeaders = false;
            for (int i = 0; i < count; i++)
            {
                var item = items[i];
                var kind = item.Type & ~InventoryType.WitnessFlag;
                if (kind is InventoryType.Tx or InventoryType.Wtx)
                {
                    if (_options.BlocksOnly && !peer.Peer.Permissions.Has(PeerPermissions.Relay))
                    {
                        Drop(peer, DisconnectReason.ProtocolViolation, $"transaction {item.Hash} inv sent in violation of protocol");
                        return;
                    }
                    continue; // no mempool: transactions are not fetched
                }
                if (kind != InventoryType.Block) continue;
                var hash = item.Hash;
                peer.Known.Add(hash);
                if (_chain.Index.TryGet(hash, out int id)) PeerHasBlock(peer, id);
                else peer.LastUnknownBlock = hash;
                if (ibd && peer != syncPeer) continue;
                if (_chain.IsOrphan(hash))
                {
                    SendGetBlocksToOrphanRoot(peer, hash);
                    continue;
                }
                if (_chain.HaveBlock(hash) || _chain.IsKnownInvalid(hash) || _chain.Index.Contains(hash) || askedHeaders) continue;
                // Core: an unknown block is fetched headers-first: getheaders up to it, once per message; the
                // headers put it (and any missing parents) in the download schedule.
                MaybeSendGetHeaders(peer, _chain.Index.BestHeader);
                askedHeaders = true;
            }
            RequestBlocks(peer);
        }
        finally
        {
            ArrayPool<InventoryVector>.Shared.Return(items);
        }
    }

    /// <summary>Blocks the peer says it does not have are requested from others at once.</summary>
    private void OnNotFound(PeerSyncState peer, in ReadOnlySequence<byte> payload)
    {
        int count = InventoryMessage.ReadCount(payload);
        var items = ArrayPool<InventoryVector>.Shared.Rent(Math.Max(count, 1));
        try
        {
            InventoryMessage.Decode(payload, items);
            int moved = 0;
            for (int i = 0; i < count; i++)
            {
                if ((items[i].Type & ~InventoryType.WitnessFlag) == InventoryType.Block && peer.Downloads
                    && _download.OnBlockReceived(peer.Id, items[i].Hash) == BlockReceipt.Requested) moved++;
            }
            if (moved == 0) return;
            Counters.BlocksReRequestedAdd(moved);
            RequestBlocksFromAll();
        }
        finally
        {
            ArrayPool<InventoryVector>.Shared.Return(items);
        }
    }

    /// <summary>We keep no mempool and never ask for transactions: every tx message is unsolicited.</summary>
    private void OnTx(PeerSyncState peer)
    {
        if (_options.BlocksOnly && !peer.Peer.Permissions.Has(PeerPermissions.Relay))
        {
            Drop(peer, DisconnectReason.ProtocolViolation, "transaction sent in violation of protocol");
            return;
        }
        if (++peer.UnrequestedTxs > _options.UnrequestedTxAllowance)
            Drop(peer, DisconnectReason.ProtocolViolation, $"more than {_options.UnrequestedTxAllowance} unrequested transactions");
    }

    /// <summary>Core's MAX_BLOCKS_TO_ANNOUNCE: more new blocks than this go out as one inv of the tip.</summary>
    internal const int MaxBlocksToAnnounce = 8;

    private readonly BlockHeader[] _announceHeaders = new BlockHeader[MaxBlocksToAnnounce];
    private bool _announcePending;

    /// <summary>
    /// Core's UpdatedBlockTip: a block connected while we are current is queued for every peer, and announced in the
    /// next announcement round (<see cref="AnnounceBlocks"/>), so blocks connected in a burst go out together.
    /// </summary>
    private void QueueAnnouncement(ChainBlock block)
    {
        if (_chain.IsInitialBlockDownload) return;
        foreach (var peer in _peers.Values)
        {
            var queue = peer.BlocksToAnnounce;
            // Past the limit only the newest block is announced (an inv), so the oldest need not be kept.
            if (queue.Count > MaxBlocksToAnnounce) queue.RemoveAt(0);
            queue.Add(block.Id);
        }
        // When the ring is full the next tick runs the round.
        if (!_announcePending) _announcePending = _ring.TryWrite(new SyncEvent(0, SyncEventKind.Announce, Command.Unknown, default));
    }

    /// <summary>The block announcements of Core's SendMessages, for every peer with queued blocks.</summary>
    private void AnnounceBlocks()
    {
        _announcePending = false;
        foreach (var peer in _peers.Values)
        {
            if (peer.BlocksToAnnounce.Count == 0) continue;
            if (peer.Peer.IsConnected && !peer.Peer.IsClosing) Announce(peer, peer.BlocksToAnnounce);
            peer.BlocksToAnnounce.Clear();
        }
    }

    /// <summary>
    /// Core's announcement rule: to a peer that sent sendheaders, a headers message with the queued blocks it lacks,
    /// when they are at most <see cref="MaxBlocksToAnnounce"/>, still on our chain, consecutive, and the first connects
    /// to a header the peer has; otherwise (and to every other peer) an inv of the newest block unless the peer has it.
    /// </summary>
    private void Announce(PeerSyncState peer, List<int> queued)
    {
        var index = _chain.Index;
        bool useInv = !peer.PrefersHeaders || queued.Count > MaxBlocksToAnnounce;
        int count = 0, best = BlockIndex.None;
        for (int i = 0; !useInv && i < queued.Count; i++)
        {
            int id = queued[i];
            int parent = index.Parent(id);
            if (!_chain.Chain.Contains(id) || (best != BlockIndex.None && parent != best))
            {
                useInv = true; // reorganized away, or not one run of blocks
                break;
            }
            best = id;
            if (count > 0) _announceHeaders[count++] = index.GetHeader(id);
            else if (PeerHasHeader(peer, id)) continue;
            else if (parent == BlockIndex.None || PeerHasHeader(peer, parent)) _announceHeaders[count++] = index.GetHeader(id);
            else useInv = true; // the peer could not connect them
        }

        if (!useInv)
        {
            if (count == 0) return; // it has them all
            for (int i = queued.Count - count; i < queued.Count; i++) peer.Known.Add(index[queued[i]].Hash);
            peer.BestHeaderSentId = best;
            Send(peer.Peer.SendAsync(new HeadersMessage(_announceHeaders.AsSpan(0, count))));
            return;
        }

        int newest = queued[^1];
        if (PeerHasHeader(peer, newest)) return;
        var hash = index[newest].Hash;
        peer.Known.Add(hash);
        Span<InventoryVector> one = [new InventoryVector(InventoryType.Block, hash)];
        Send(peer.Peer.SendAsync(new InventoryMessage(Command.Inv, one)));
    }

    /// <summary>
    /// Core's PeerHasHeader: the block is an ancestor of the peer's best known block or of the last header we sent it.
    /// Not the known inventory: a block we only sent an inv of is one whose header the peer may still lack.
    /// </summary>
    private bool PeerHasHeader(PeerSyncState peer, int id)
    {
        var index = _chain.Index;
        int height = index[id].Height;
        return (peer.BestKnownId != BlockIndex.None && index.GetAncestor(peer.BestKnownId, height) == id)
            || (peer.BestHeaderSentId != BlockIndex.None && index.GetAncestor(peer.BestHeaderSentId, height) == id);
    }
}
