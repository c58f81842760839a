using System.Buffers;
using Node.Chain.Index;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Sync.Download;
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
                SendGetHeaders(peer, _chain.Index.BestHeader);
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

    /// <summary>A new tip, when we are current: a headers message to peers that asked for them, else an inv.</summary>
    private void RelayBlock(ChainBlock block)
    {
        if (_chain.IsInitialBlockDownload) return;
        var index = _chain.Index;
        int parent = index.Parent(block.Id);
        foreach (var peer in _peers.Values)
        {
            if (!peer.Peer.IsConnected || peer.Known.Contains(block.Hash)) continue;
            bool knowsParent = parent != BlockIndex.None && (peer.Known.Contains(index[parent].Hash)
                || (peer.BestKnownId != BlockIndex.None && index.GetAncestor(peer.BestKnownId, block.Height - 1) == parent));
            peer.Known.Add(block.Hash);
            if (peer.PrefersHeaders && knowsParent)
            {
                Span<BlockHeader> one = [index.GetHeader(block.Id)];
                Send(peer.Peer.SendAsync(new HeadersMessage(one)));
            }
            else
            {
                Span<InventoryVector> one = [new InventoryVector(InventoryType.Block, block.Hash)];
                Send(peer.Peer.SendAsync(new InventoryMessage(Command.Inv, one)));
            }
        }
    }
}
