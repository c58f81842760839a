using Node.Chain.State;
using Node.Chain.View;
using Node.Net;
using Node.Primitives;
using Node.Sync.Download;
using Node.Wire;

namespace Node.Sync.Core;

// A received block: its context-free checks already ran (see ReceivedBlock); here it is matched to its request,
// processed by the chain, and the peer's state and the download move on.
public sealed partial class SyncManager
{
    /// <summary>Core's MIN_BLOCKS_TO_KEEP: an unrequested block further than this past our tip is not processed.</summary>
    private const int MaxUnrequestedAhead = 288;

    private void OnBlock(PeerSyncState peer, ReceivedBlock received)
    {
        if (!received.ChecksumMatches)
        {
            // Core drops a message with a bad checksum and keeps the peer: the block stays in flight, never judged.
            SyncLog.DroppedMessage(_log, peer.Id, WireError.BadChecksum, Command.Block);
            return;
        }
        var block = received.Bytes;
        if (block.Length < BlockHeader.Size)
        {
            Punish(peer, "block-decode-failed");
            return;
        }
        var hash = BlockHeader.HashOf(block[..BlockHeader.Size]);
        Counters.BlockReceived();
        peer.Known.Add(hash);
        // Core's force_processing: a block in flight from any peer counts as requested.
        bool requested = peer.Downloads && _download.OnBlockReceived(peer.Id, hash) == BlockReceipt.Requested
            || (_chain.Index.TryGet(hash, out int known) && _download.InFlightFrom(known) != BlockDownloadScheduler.NoPeer);
        if (!requested && !AcceptUnrequested(peer, block, hash)) return;

        var result = _chain.ProcessBlock(block, received.Check, received.Checked, received.WireChecksum);
        switch (result.Status)
        {
            case BlockProcessStatus.Invalid:
                // Core's MaybePunishNodeForBlock: a consensus-invalid or mutated block is misbehaviour.
                Punish(peer, $"invalid block {hash}: {result.RejectReason}");
                break;
            case BlockProcessStatus.Orphan:
                RaiseHeight(peer, result.Height); // from the coinbase (BIP34)
                SendGetBlocksToOrphanRoot(peer, hash);
                break;
            case BlockProcessStatus.Connected or BlockProcessStatus.Accepted:
                peer.LastBlockTime = _options.ChainClock.GetUtcNow().ToUnixTimeSeconds();
                _progress.TargetHeight = _chain.BestHeaderHeight;
                _progress.OnBlockProcessed(result.Height, received.Checked.TxCount, block.Length, received.Checked.Header.Time);
                if (_chain.Index.TryGet(hash, out int id)) PeerHasBlock(peer, id);
                break;
        }
        RequestBlocksFromAll();
    }

    /// <summary>
    /// Core processes a block nobody asked for (AcceptBlock without force_processing) only when it is new, its
    /// header is valid, it has at least our tip's work, is not too far ahead and clears the minimum chain work;
    /// Core then ignores the rest silently. We accept the same blocks and, as btcd does, drop a peer that pushes
    /// any other unrequested block (a re-sent block we already have is ignored, btcd's regtest exception).
    /// </summary>
    private bool AcceptUnrequested(PeerSyncState peer, ReadOnlySpan<byte> block, in Hash256 hash)
    {
        Counters.UnrequestedBlock();
        if (_chain.HaveBlock(hash)) return false;
        var header = BlockHeader.Read(block);
        if (!_chain.Index.Contains(header.PrevBlock))
        {
            Drop(peer, DisconnectReason.Requested, $"unrequested block {hash} with unknown parent");
            return false;
        }
        var accepted = _chain.AcceptHeader(header, hash);
        if (!accepted.IsValid)
        {
            Punish(peer, "invalid header received: " + accepted.Validation.CoreReason);
            return false;
        }
        ref readonly var e = ref _chain.Index[accepted.Id];
        ref readonly var tip = ref _chain.Index[_chain.TipId];
        if (e.ChainWork < tip.ChainWork || e.Height > tip.Height + MaxUnrequestedAhead || e.ChainWork < _chain.MinimumChainWork)
        {
            Drop(peer, DisconnectReason.Requested, $"unrequested block {hash} at height {e.Height}");
            return false;
        }
        return true;
    }

    /// <summary>btcd's normal mode: an orphan makes us ask the peer for the blocks between our tip and the orphan's root.</summary>
    private void SendGetBlocksToOrphanRoot(PeerSyncState peer, in Hash256 orphan)
    {
        var root = _chain.GetOrphanRoot(orphan);
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _chain.GetLocator(locator);
        Send(peer.Peer.SendAsync(new LocatorMessage(Command.GetBlocks, ProtocolVersions.Current, locator[..n], root)));
    }

    private void OnBlockConnected(ChainBlock block)
    {
        Counters.BlockConnected();
        _download.OnBlockConnected();
        QueueAnnouncement(block);
        BlockConnected?.Invoke(block);
    }
}
