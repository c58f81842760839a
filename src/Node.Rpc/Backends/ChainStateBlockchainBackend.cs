using System.Buffers;
using Node.Chain.Index;
using Node.Chain.State;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;

namespace Node.Rpc.Backends;

/// <summary>
/// The blockchain methods over a <see cref="ChainState"/>. The chain state has one owner thread, so
/// every call takes <paramref name="gate"/>: the owner must hold the same lock while it changes the
/// chain (or hand the RPC calls to its own thread instead of using this class).
/// </summary>
public sealed class ChainStateBlockchainBackend(ChainState chain, string dataDirectory, object gate) : IBlockchainRpcBackend
{
    private readonly string _blocksDirectory = Path.Combine(dataDirectory, "blocks");
    private readonly HeaderValidator _headerRules = new(chain.Params);

    public ChainParams Params => chain.Params;

    public ChainSummary GetSummary()
    {
        lock (gate)
        {
            int headers = chain.BestHeaderHeight;
            // Without Core's chain transaction statistics, progress is measured in headers: the share of the best header chain connected.
            double progress = headers <= 0 ? 1.0 : (double)chain.TipHeight / headers;
            return new ChainSummary(chain.TipHeight, chain.Tip, headers, chain.IsInitialBlockDownload, progress, SizeOnDisk(), Pruned: false);
        }
    }

    /// <summary>Core's CalculateCurrentUsage: the bytes of the block files.</summary>
    private long SizeOnDisk()
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(_blocksDirectory).EnumerateFiles("blk*.dat")) total += file.Length;
        return total;
    }

    public bool TryGetHashAtHeight(int height, out Hash256 hash)
    {
        lock (gate) return chain.GetHeaderByHeight(height, out _, out hash);
    }

    public bool TryGetEntry(in Hash256 hash, out BlockEntry entry)
    {
        lock (gate)
        {
            var index = chain.Index;
            if (!index.TryGet(hash, out int id))
            {
                entry = default;
                return false;
            }
            ref readonly var e = ref index[id];
            var view = chain.Chain;
            bool onChain = view.Contains(id);
            int next = view.Next(id);
            int txCount = 0;
            if ((e.Status & BlockStatus.DataStored) != 0 && Fetch(hash) is { } block && BlockScanner.TryReadTxCount(block, out int count, out _)) txCount = count;
            entry = new BlockEntry(index.GetHeader(id), e.Hash, e.Height, e.ChainWork, chain.MedianTimePast(id),
                onChain ? view.Height - e.Height + 1 : -1, next == BlockIndex.None ? null : index[next].Hash, txCount);
            return true;
        }
    }

    public byte[]? ReadBlock(in Hash256 hash)
    {
        lock (gate) return Fetch(hash);
    }

    private byte[]? Fetch(in Hash256 hash)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return chain.FetchBlock(hash, buffer) == Node.Storage.StorageError.None ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>Core's getchaintips: every entry no other entry builds on, plus the active tip, with the branch off the best chain.</summary>
    public IReadOnlyList<ChainTip> GetChainTips()
    {
        lock (gate)
        {
            var index = chain.Index;
            var view = chain.Chain;
            var hasChild = new bool[index.Count];
            for (int id = 0; id < index.Count; id++)
            {
                int parent = index.Parent(id);
                if (parent != BlockIndex.None) hasChild[parent] = true;
            }

            var tips = new List<ChainTip>();
            for (int id = 0; id < index.Count; id++)
            {
                if (hasChild[id] && id != view.Tip) continue;
                ref readonly var e = ref index[id];
                int fork = view.FindFork(id);
                int branch = e.Height - index[fork].Height;
                tips.Add(new ChainTip(e.Height, e.Hash, branch, StatusOf(id, fork)));
            }
            tips.Sort((a, b) => b.Height.CompareTo(a.Height));
            return tips;
        }
    }

    private ChainTipStatus StatusOf(int id, int fork)
    {
        var index = chain.Index;
        if (chain.Chain.Contains(id)) return ChainTipStatus.Active;
        if (index.IsFailedOrDescendsFromFailed(id)) return ChainTipStatus.Invalid;
        bool allData = true, allValidated = true;
        for (int walk = id; walk != fork && walk != BlockIndex.None; walk = index.Parent(walk))
        {
            var status = index[walk].Status;
            allData &= (status & BlockStatus.DataStored) != 0;
            allValidated &= (status & BlockStatus.FullyValidated) != 0;
        }
        if (!allData) return ChainTipStatus.HeadersOnly;
        return allValidated ? ChainTipStatus.ValidFork : ChainTipStatus.ValidHeaders;
    }

    /// <summary>
    /// Core's submitblock: a known valid block is "duplicate", a known failed one "duplicate-invalid";
    /// an unknown parent is "prev-blk-not-found" (Core keeps no orphans from RPC); otherwise the
    /// chain state decides: connected, stored off the best chain ("inconclusive"), or rejected.
    /// </summary>
    public BlockSubmission SubmitBlock(ReadOnlySpan<byte> block)
    {
        var header = BlockHeader.Read(block);
        var hash = BlockHeader.HashOf(block);
        lock (gate)
        {
            var index = chain.Index;
            if (index.TryGet(hash, out int known))
            {
                if (index.IsFailedOrDescendsFromFailed(known)) return new(BlockSubmissionStatus.DuplicateInvalid);
                if ((index[known].Status & BlockStatus.FullyValidated) != 0) return new(BlockSubmissionStatus.Duplicate);
            }
            if (!index.Contains(header.PrevBlock)) return RejectOrphan(block, header, hash);

            var result = chain.ProcessBlock(block);
            return result.Status switch
            {
                BlockProcessStatus.Connected => new(BlockSubmissionStatus.Connected),
                BlockProcessStatus.Accepted => new(BlockSubmissionStatus.Inconclusive),
                BlockProcessStatus.AlreadyHave => new(BlockSubmissionStatus.Duplicate),
                BlockProcessStatus.Orphan => new(BlockSubmissionStatus.Rejected, "prev-blk-not-found"),
                _ => new(BlockSubmissionStatus.Rejected, result.RejectReason),
            };
        }
    }

    /// <summary>Core checks a block before it looks for the parent: proof of work, then CheckBlock, then "prev-blk-not-found".</summary>
    private BlockSubmission RejectOrphan(ReadOnlySpan<byte> block, in BlockHeader header, in Hash256 hash)
    {
        var pow = _headerRules.CheckProofOfWork(header, hash);
        if (!pow.IsValid) return new(BlockSubmissionStatus.Rejected, pow.CoreReason);
        var checkedBlock = BlockValidator.CheckBlock(block, out _);
        if (!checkedBlock.IsValid) return new(BlockSubmissionStatus.Rejected, checkedBlock.RejectReason);
        return new(BlockSubmissionStatus.Rejected, "prev-blk-not-found");
    }

    public HeaderSubmission SubmitHeader(in BlockHeader header)
    {
        lock (gate)
        {
            var result = chain.AcceptHeader(header, header.GetHash());
            return result.IsValid ? new HeaderSubmission(true) : new HeaderSubmission(false, result.Validation.CoreReason);
        }
    }
}
