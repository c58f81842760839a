using System.Buffers;
using Node.Chain.Index;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Buffers;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Processes one serialized block (btcd's ProcessBlock with Core's AcceptBlock): an unknown parent
    /// sends it to the orphan pool; otherwise its header is accepted, the block checked (context-free,
    /// unless <paramref name="contextFree"/> carries the caller's verdict; then its height's rules),
    /// its bytes appended to the flat file and its row staged, and the best chain activated. Orphans
    /// waiting on it are processed next. A block that breaks a rule marks itself and its descendants
    /// failed, except when the bytes may be a mutation of a valid block (<see cref="BlockCheck.MayBeMutation"/>).
    /// </summary>
    public BlockProcessResult ProcessBlock(ReadOnlySpan<byte> block, BlockCheck? contextFree = null)
    {
        if (block.Length < BlockHeader.Size)
            return new BlockProcessResult(BlockProcessStatus.Invalid, default, RuleError.BadBlockEncoding, -1);
        var hash = BlockHeader.HashOf(block[..BlockHeader.Size]);
        var result = ProcessOne(block, hash, contextFree);
        if (result.Status is BlockProcessStatus.Accepted or BlockProcessStatus.Connected) ProcessOrphansOf(hash);
        CommitIfDue();
        return result;
    }

    /// <summary>Processes a block straight from (possibly segmented) network buffers.</summary>
    public BlockProcessResult ProcessBlock(in ReadOnlySequence<byte> block, BlockCheck? contextFree = null)
    {
        using var linear = new SequenceLinearizer(block);
        return ProcessBlock(linear.Span, contextFree);
    }

    private BlockProcessResult ProcessOne(ReadOnlySpan<byte> block, in Hash256 hash, BlockCheck? contextFree)
    {
        var header = BlockHeader.Read(block);
        bool known = _index.TryGet(hash, out int id);
        if (known)
        {
            if (_index[id].IsFailedOrDescendsFromFailed) return Invalid(hash, RuleError.KnownInvalid);
            if ((_index[id].Status & BlockStatus.DataStored) != 0) return new BlockProcessResult(BlockProcessStatus.AlreadyHave, hash, RuleError.None, -1);
        }
        else if (_orphans.Contains(hash))
        {
            return new BlockProcessResult(BlockProcessStatus.AlreadyHave, hash, RuleError.None, -1);
        }
        else if (!_index.Contains(header.PrevBlock))
        {
            return AddOrphan(block, header, hash, contextFree);
        }

        if (!known)
        {
            var accepted = AcceptHeader(header, hash);
            if (!accepted.IsValid) return Invalid(hash, accepted.Validation.Error);
            id = accepted.Id;
        }

        var check = contextFree ?? BlockChecks.CheckBlock(block);
        if (!check.IsValid)
        {
            if (!check.MayBeMutation) InvalidBlockFound(id, check.Error);
            return Invalid(hash, check.Error);
        }
        var contextual = BlockChecks.CheckContextual(block, _index[id].Height, _params);
        if (contextual != RuleError.None)
        {
            InvalidBlockFound(id, contextual);
            return Invalid(hash, contextual);
        }

        _index.SetDataLocation(id, _store.AppendBlock(block));
        _dirty.Add(id);
        _blocksSinceCommit++;
        BlockAccepted?.Invoke(Describe(id));
        _selector.DataStored(id);
        ActivateBestChain();

        var status = _view.Contains(id) ? BlockProcessStatus.Connected : BlockProcessStatus.Accepted;
        return new BlockProcessResult(status, hash, RuleError.None, _index[id].Height);
    }

    private BlockProcessResult AddOrphan(ReadOnlySpan<byte> block, in BlockHeader header, in Hash256 hash, BlockCheck? contextFree)
    {
        var pow = _headerValidator.CheckProofOfWork(header, hash);
        if (!pow.IsValid) return Invalid(hash, pow.Error);
        var check = contextFree ?? BlockChecks.CheckBlock(block);
        if (!check.IsValid) return Invalid(hash, check.Error);
        _orphans.Add(hash, block);
        return new BlockProcessResult(BlockProcessStatus.Orphan, hash, RuleError.None, CoinbaseHeight.Extract(block));
    }

    /// <summary>Orphans whose parent was just stored are processed in turn, breadth first, without recursion.</summary>
    private void ProcessOrphansOf(in Hash256 parent)
    {
        if (_orphans.Count == 0) return;
        var parents = new Queue<Hash256>();
        parents.Enqueue(parent);
        while (parents.TryDequeue(out var next))
        {
            foreach (var (hash, bytes) in _orphans.TakeChildren(next))
            {
                var result = ProcessOne(bytes, hash, null);
                if (result.Status is BlockProcessStatus.Accepted or BlockProcessStatus.Connected) parents.Enqueue(hash);
            }
        }
    }

    private static BlockProcessResult Invalid(in Hash256 hash, RuleError error) => new(BlockProcessStatus.Invalid, hash, error, -1);

    /// <summary>Core's InvalidBlockFound: the block and every descendant are failed and stop being candidates.</summary>
    private void InvalidBlockFound(int id, RuleError error)
    {
        var descendants = new List<int>();
        _index.MarkFailed(id, descendants);
        _dirty.Add(id);
        _selector.Remove(id);
        foreach (int d in descendants)
        {
            _dirty.Add(d);
            _selector.Remove(d);
        }
        ChainLog.InvalidBlock(_logger, _index[id].Hash, _index[id].Height, error, descendants.Count);
    }
}
