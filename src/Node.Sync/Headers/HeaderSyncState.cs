using System.Runtime.CompilerServices;
using Node.Chain.Index;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Wire;

namespace Node.Sync.Headers;

/// <summary>
/// Headers-first sync as a state machine (btcd's headersFirstMode and headerList, Bitcoin Core's initial
/// headers sync): the choice of one sync peer, the checks on every headers message, whether to ask for
/// more, and the headers sync timeout. It reads the block index; the caller accepts the headers into the
/// chain (contextual validation, proof of work) after a batch passes here. Owned by the sync core: one
/// thread, no locks.
/// <para>
/// Checkpoints constrain but are not stop points: a header at a checkpoint height must have the
/// checkpoint's hash, and no new header may fork at or below a checkpoint the best header chain passed,
/// but getheaders always runs to the peer's tip (a full batch of 2,000 asks for more from its last
/// header; a shorter one means the tip was reached).
/// </para>
/// <para>
/// Minimum chain work, a simplified form of Core's headers presync: Core first downloads a low-work
/// chain keeping only commitments and stores it only once it proves enough work. Here every header is
/// stored as it arrives (the caller's header validation makes each one cost real proof of work at a
/// permitted difficulty), and the guard is applied when the sync peer stops: if the work at the end of
/// its chain is below the minimum, the peer is not followed (it stops being a candidate and another is
/// chosen), and block download, which has the same guard, never fetches that chain's blocks.
/// </para>
/// </summary>
public sealed class HeaderSyncState
{
    public const int NoPeer = -1;

    /// <summary>HEADERS_DOWNLOAD_TIMEOUT_BASE.</summary>
    public static readonly TimeSpan HeadersDownloadTimeoutBase = TimeSpan.FromMinutes(15);

    /// <summary>HEADERS_DOWNLOAD_TIMEOUT_PER_HEADER, per header expected since our best header's time.</summary>
    public static readonly TimeSpan HeadersDownloadTimeoutPerHeader = TimeSpan.FromMilliseconds(1);

    /// <summary>HEADERS_RESPONSE_TIME: a getheaders unanswered for this long no longer holds back the next one.</summary>
    public static readonly TimeSpan HeadersResponseTime = TimeSpan.FromMinutes(2);

    /// <summary>A best header younger than this means headers are caught up: the timeout is dropped.</summary>
    public static readonly TimeSpan CaughtUpAge = TimeSpan.FromHours(24);

    private readonly ChainParams _params;
    private readonly BlockIndex _index;
    private readonly UInt256 _minimumChainWork;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, Hash256> _checkpoints = [];
    private readonly Dictionary<int, HeaderPeer> _peers = [];
    private DateTimeOffset? _deadline;
    private uint _workBits;
    private UInt256 _work;

    public HeaderSyncState(ChainParams chainParams, BlockIndex index, UInt256 minimumChainWork, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(chainParams);
        ArgumentNullException.ThrowIfNull(index);
        _params = chainParams;
        _index = index;
        _minimumChainWork = minimumChainWork;
        _clock = clock ?? TimeProvider.System;
        foreach (var cp in chainParams.Checkpoints) _checkpoints.Add(cp.Height, cp.Hash);
    }

    /// <summary>The peer headers are synced from, or <see cref="NoPeer"/>.</summary>
    public int SyncPeer { get; private set; } = NoPeer;

    /// <summary>A sync peer's tip was reached with at least the minimum chain work.</summary>
    public bool HeadersSynced { get; private set; }

    /// <summary>When the sync peer is disconnected for slow headers, unless our best header catches up first.</summary>
    public DateTimeOffset? HeadersSyncDeadline => _deadline;

    public void AddPeer(int peer, ulong services, bool isLocalhost, int startHeight)
    {
        if (!_peers.TryAdd(peer, new HeaderPeer(services, isLocalhost, startHeight)))
            throw new ArgumentException($"peer {peer} is already registered", nameof(peer));
    }

    public void RemovePeer(int peer)
    {
        _peers.Remove(peer);
        if (peer == SyncPeer)
        {
            SyncPeer = NoPeer;
            _deadline = null;
        }
    }

    /// <summary>The peer showed a block at this height (an orphan's coinbase height, an announcement).</summary>
    public void OnPeerHeight(int peer, int height)
    {
        if (_peers.TryGetValue(peer, out var p) && height > p.Height) p.Height = height;
    }

    public bool IsCandidate(int peer, int ourHeight) =>
        _peers.TryGetValue(peer, out var p) && p.Candidate && p.Height >= ourHeight &&
        SyncCandidate.Qualifies(_params, p.Services, p.IsLocalhost, ourHeight);

    /// <summary>
    /// Chooses the sync peer: the qualifying candidate with the greatest height, at least ours (btcd's
    /// startSync; peers that fell behind stop being candidates). Starts the headers sync timeout:
    /// 15 minutes + 1 ms per header expected since our best header's time. Returns the peer or <see cref="NoPeer"/>.
    /// </summary>
    public int StartSync(int ourHeight)
    {
        int best = NoPeer;
        int bestHeight = -1;
        foreach (var (id, p) in _peers)
        {
            if (!p.Candidate || !SyncCandidate.Qualifies(_params, p.Services, p.IsLocalhost, ourHeight)) continue;
            if (p.Height < ourHeight)
            {
                p.Candidate = false;
                continue;
            }
            if (p.Height > bestHeight || (p.Height == bestHeight && id < best))
            {
                best = id;
                bestHeight = p.Height;
            }
        }
        SyncPeer = best;
        _deadline = best == NoPeer ? null : _clock.GetUtcNow() + HeadersDownloadTimeoutBase + ExpectedHeadersAllowance();
        return best;
    }

    /// <summary>
    /// Core's MaybeSendGetHeaders: a getheaders may go to the peer unless one sent less than
    /// <see cref="HeadersResponseTime"/> ago still awaits its answer (any headers message counts as the answer).
    /// </summary>
    public bool MaySendGetHeaders(int peer) =>
        _peers.TryGetValue(peer, out var p) && (p.GetHeadersSentAt is not { } sent || _clock.GetUtcNow() - sent > HeadersResponseTime);

    /// <summary>A getheaders whose locator starts at <paramref name="from"/> was sent to the peer.</summary>
    public void OnGetHeadersSent(int peer, in Hash256 from)
    {
        var p = Peer(peer);
        p.GetHeadersSentAt = _clock.GetUtcNow();
        if (_index.TryGet(from, out int id) && _index[id].ChainWork > p.LastWork) p.LastWork = _index[id].ChainWork;
    }

    // Called once per message with a loop over up to 2,000 headers: compiled optimized at once, rather than run
    // unoptimized and then recompiled mid-loop while the headers sync waits.
    /// <summary>
    /// Checks a headers message and says what to do next; headers that were not asked for (announcements, or any
    /// other headers message) go through the same checks. <paramref name="hashes"/> holds each header's hash,
    /// computed once on the peer's task. A peer that is not registered (already removed) gets
    /// <see cref="HeaderSyncAction.None"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HeaderBatchResult OnHeaders(int peer, ReadOnlySpan<BlockHeader> headers, ReadOnlySpan<Hash256> hashes)
    {
        if (hashes.Length < headers.Length) throw new ArgumentException("hash buffer too small", nameof(hashes));
        if (!_peers.TryGetValue(peer, out var p)) return default;
        if (headers.Length > ProtocolLimits.MaxHeaders) return HeaderBatchResult.Fail(HeaderSyncError.TooManyHeaders, -1);
        bool requested = p.GetHeadersSentAt is not null;
        p.GetHeadersSentAt = null;

        Hash256 last = default;
        int height = -1;
        if (headers.Length > 0)
        {
            bool connects = _index.TryGet(headers[0].PrevBlock, out int parent);
            int parentHeight = connects ? _index[parent].Height : -1;
            // Core's CheckHeadersAreContinuous comes before the connect check: a broken sequence is misbehaviour
            // even when it does not connect.
            for (int i = 1; i < headers.Length; i++)
            {
                if (headers[i].PrevBlock != hashes[i - 1])
                    return HeaderBatchResult.Fail(HeaderSyncError.NotContinuous, connects ? parentHeight + 1 + i : -1);
            }
            if (!connects) return new(HeaderSyncAction.DoesNotConnect, HeaderSyncError.None, -1, default, -1);
            height = parentHeight;
            var work = _index[parent].ChainWork;
            int passedCheckpoint = LastPassedCheckpointHeight();
            for (int i = 0; i < headers.Length; i++)
            {
                height++;
                last = hashes[i];
                if (_checkpoints.TryGetValue(height, out var checkpoint) && checkpoint != last)
                    return HeaderBatchResult.Fail(HeaderSyncError.CheckpointMismatch, height);
                if (height <= passedCheckpoint && !_index.Contains(last))
                    return HeaderBatchResult.Fail(HeaderSyncError.ForkBeforeCheckpoint, height);
                work += WorkOf(headers[i].Bits);
            }
            if (work > p.LastWork) p.LastWork = work;
            if (height > p.Height) p.Height = height;
        }

        // Core: a full batch asks the same peer for more whether or not it was requested (unsolicited headers that
        // connect are processed like any others, never punished).
        if (headers.Length == ProtocolLimits.MaxHeaders) return new(HeaderSyncAction.RequestMore, HeaderSyncError.None, -1, last, height);
        if (!requested || peer != SyncPeer) return new(HeaderSyncAction.None, HeaderSyncError.None, -1, last, height);

        _deadline = null;
        if (p.LastWork < _minimumChainWork)
        {
            p.Candidate = false;
            SyncPeer = NoPeer;
            return new(HeaderSyncAction.LowWorkChain, HeaderSyncError.None, -1, last, height);
        }
        HeadersSynced = true;
        return new(HeaderSyncAction.TipReached, HeaderSyncError.None, -1, last, height);
    }

    /// <summary>
    /// Core's headers sync timeout: true when the sync peer's deadline passed while our best header is still
    /// more than a day old and another candidate could take over; the caller disconnects it. Once our best
    /// header is recent the deadline is dropped for good.
    /// </summary>
    public bool SyncPeerTimedOut(int ourHeight)
    {
        if (SyncPeer == NoPeer || _deadline is not { } deadline) return false;
        var now = _clock.GetUtcNow();
        if (BestHeaderTime() > now - CaughtUpAge)
        {
            _deadline = null;
            return false;
        }
        if (now <= deadline) return false;
        foreach (var (id, _) in _peers)
            if (id != SyncPeer && IsCandidate(id, ourHeight)) return true;
        return false;
    }

    /// <summary>A header's work; consecutive headers nearly always share nBits, so the division is done once per change.</summary>
    private UInt256 WorkOf(uint bits)
    {
        if (bits != _workBits || _work.IsZero)
        {
            _workBits = bits;
            _work = UInt256.Work(bits);
        }
        return _work;
    }

    private TimeSpan ExpectedHeadersAllowance()
    {
        long seconds = Math.Max(0, (long)(_clock.GetUtcNow() - BestHeaderTime()).TotalSeconds);
        // Core scales in microseconds: 1 ms × seconds / spacing.
        return TimeSpan.FromMicroseconds(HeadersDownloadTimeoutPerHeader.Ticks / TimeSpan.TicksPerMicrosecond * seconds / _params.PowTargetSpacing);
    }

    private DateTimeOffset BestHeaderTime() =>
        _index.BestHeader == BlockIndex.None ? DateTimeOffset.UnixEpoch : DateTimeOffset.FromUnixTimeSeconds(_index[_index.BestHeader].Time);

    /// <summary>The height of the highest checkpoint on our best header chain, or -1.</summary>
    private int LastPassedCheckpointHeight()
    {
        if (_index.BestHeader == BlockIndex.None) return -1;
        int bestHeight = _index[_index.BestHeader].Height;
        var checkpoints = _params.Checkpoints;
        for (int i = checkpoints.Count - 1; i >= 0; i--)
        {
            var cp = checkpoints[i];
            if (cp.Height <= bestHeight && _index[_index.GetAncestor(_index.BestHeader, cp.Height)].Hash == cp.Hash) return cp.Height;
        }
        return -1;
    }

    private HeaderPeer Peer(int peer) =>
        _peers.TryGetValue(peer, out var p) ? p : throw new ArgumentException($"peer {peer} is not registered", nameof(peer));
}
