using System.Buffers;
using Node.Chain.View;
using Node.Net;
using Node.Primitives;
using Node.Storage;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

// Serving: getheaders and getblocks from the chain view, getdata from the block files. A getdata is served item
// by item while the peer's send queue has room; when a send has to wait, serving resumes once it completed
// (Core's ProcessGetData stops when the send buffer is full), and the peer's further messages wait meanwhile.
public sealed partial class SyncManager
{
    private Action<PeerSyncState>? _resumeServing; // posts ResumeServing for a peer whose block send completed

    private readonly int[] _locateIds = new int[ChainView.MaxHeadersResults];
    private readonly BlockHeader[] _headersOut = new BlockHeader[ChainView.MaxHeadersResults];
    private readonly InventoryVector[] _invOut = new InventoryVector[ChainView.MaxBlocksResults];

    private void OnGetHeaders(PeerSyncState peer, in ReadOnlySequence<byte> payload)
    {
        if (_chain.IsInitialBlockDownload && !peer.Peer.Permissions.Has(PeerPermissions.Download))
        {
            SyncLog.IgnoringGetHeaders(_log, peer.Id);
            return;
        }
        Span<Hash256> buffer = stackalloc Hash256[ProtocolLimits.MaxLocator];
        var request = LocatorMessage.Decode(Command.GetHeaders, payload, buffer);
        int n = _chain.LocateHeaders(request.Locator, request.HashStop, _locateIds);
        for (int i = 0; i < n; i++) _headersOut[i] = _chain.Index.GetHeader(_locateIds[i]);
        // Core resets (not raises) it: the last header sent, or our tip when the peer has it.
        peer.BestHeaderSentId = n > 0 ? _locateIds[n - 1] : _chain.TipId;
        Counters.HeadersServedAdd(n);
        Send(peer.Peer.SendAsync(new HeadersMessage(_headersOut.AsSpan(0, n))));
    }

    private void OnGetBlocks(PeerSyncState peer, in ReadOnlySequence<byte> payload)
    {
        Span<Hash256> buffer = stackalloc Hash256[ProtocolLimits.MaxLocator];
        var request = LocatorMessage.Decode(Command.GetBlocks, payload, buffer);
        int n = _chain.LocateBlocks(request.Locator, request.HashStop, _locateIds);
        if (n == 0) return;
        for (int i = 0; i < n; i++) _invOut[i] = new InventoryVector(InventoryType.Block, _chain.Index[_locateIds[i]].Hash);
        // A full batch: when the peer asks for its last block, an inv of our tip makes it ask for the next batch.
        if (n == ChainView.MaxBlocksResults) peer.ContinueHash = _invOut[n - 1].Hash;
        Send(peer.Peer.SendAsync(new InventoryMessage(Command.Inv, _invOut.AsSpan(0, n))));
    }

    /// <returns>True when the lease is kept until serving completes.</returns>
    private bool OnGetData(PeerSyncState peer, in ReadOnlySequence<byte> payload, PayloadLease lease)
    {
        int count = InventoryMessage.ReadCount(payload);
        if (peer.GetDataItems.Length < count)
        {
            if (peer.GetDataItems.Length > 0) ArrayPool<InventoryVector>.Shared.Return(peer.GetDataItems);
            peer.GetDataItems = ArrayPool<InventoryVector>.Shared.Rent(count);
        }
        peer.GetDataCount = InventoryMessage.Decode(payload, peer.GetDataItems);
        peer.GetDataNext = 0;
        peer.NotFound.Clear();
        peer.PendingGetData = lease;
        ContinueServing(peer);
        return true;
    }

    private void ContinueServing(PeerSyncState peer)
    {
        if (!peer.Serving || peer.SendInFlight) return;
        while (peer.GetDataNext < peer.GetDataCount && !peer.Peer.IsClosing)
        {
            var item = peer.GetDataItems[peer.GetDataNext++];
            var kind = item.Type & ~InventoryType.WitnessFlag;
            if (kind is InventoryType.Tx or InventoryType.Wtx)
            {
                peer.NotFound.Add(item); // no mempool
                continue;
            }
            if (kind != InventoryType.Block || ServingPaused) continue;
            var send = SendStoredBlock(peer, item);
            if (!send.IsCompleted)
            {
                peer.WatchSend(send, _resumeServing ??= p => _ring.TryWrite(new SyncEvent(p.Id, SyncEventKind.ResumeServing, Command.Unknown, default)));
                return;
            }
            _ = send.Result;
        }
        if (peer.NotFound.Count > 0 && !peer.Peer.IsClosing)
        {
            Counters.NotFound(peer.NotFound.Count);
            Send(peer.Peer.SendAsync(new InventoryMessage(Command.NotFound, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(peer.NotFound))));
        }
        ReleaseServing(peer);
    }

    /// <summary>
    /// The stored bytes, checksum verified, sent as they are (witness requests, and blocks without witness data)
    /// with the message checksum stored with them, or with the witness stripped and their checksum computed.
    /// </summary>
    private ValueTask<bool> SendStoredBlock(PeerSyncState peer, in InventoryVector item)
    {
        var stored = peer.SendBuffer;
        stored.ResetWrittenCount();
        var error = _chain.FetchBlock(item.Hash, stored, out uint storedChecksum);
        if (error != StorageError.None)
        {
            if (error != StorageError.BlockNotFound) SyncLog.StoredBlockUnreadable(_log, item.Hash, error);
            peer.NotFound.Add(item);
            return ValueTask.FromResult(true);
        }
        var bytes = stored.WrittenMemory;
        ValueTask<bool> send;
        Counters.BlockServed();
        if ((item.Type & InventoryType.WitnessFlag) == 0 && WitnessStripper.HasWitness(bytes.Span))
        {
            var stripped = peer.StripBuffer;
            stripped.ResetWrittenCount();
            WitnessStripper.Strip(bytes.Span, stripped);
            send = peer.Peer.SendRawAsync(Command.Block, stripped.WrittenMemory);
        }
        else
        {
            send = peer.Peer.SendRawAsync(Command.Block, bytes, storedChecksum);
        }
        if (peer.ContinueHash == item.Hash)
        {
            peer.ContinueHash = null;
            Span<InventoryVector> tip = [new InventoryVector(InventoryType.Block, _chain.Tip)];
            Send(peer.Peer.SendAsync(new InventoryMessage(Command.Inv, tip)));
        }
        return send;
    }

    private void ReleaseServing(PeerSyncState peer)
    {
        var lease = peer.PendingGetData;
        peer.PendingGetData = default;
        peer.GetDataCount = 0;
        lease.Release();
    }

    private void ResumeStuckServing()
    {
        foreach (var peer in _peers.Values)
            if (peer.Serving && (!peer.SendInFlight || peer.Peer.IsClosing))
            {
                if (peer.Peer.IsClosing) ReleaseServing(peer);
                else ContinueServing(peer);
            }
    }
}
