using System.Buffers;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Buffers;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Processes one serialized block (btcd's ProcessBlock with Core's AcceptBlock): an unknown parent
    /// sends it to the orphan pool; otherwise its header is accepted, the block checked (CheckBlock,
    /// then ContextualCheckBlock at its height against its parent's median time past), its bytes
    /// appended to the flat file and its row staged, and the best chain activated. Orphans waiting
    /// on it are processed next. A block that breaks a rule marks itself and its descendants failed,
    /// except when the bytes may be a mutation of a valid block (see <see cref="BlockMutation"/>).
    /// </summary>
    public BlockProcessResult ProcessBlock(ReadOnlySpan<byte> block)
    {
        if (block.Length < BlockHeader.Size)
            return BlockProcessResult.InvalidBlock(default, BlockRuleError.Malformed, -1);
        var contextFree = BlockValidator.CheckBlock(block, out var checkedBlock);
        return ProcessBlock(block, contextFree, checkedBlock);
    }

    /// <summary>
    /// Processes a block whose context-free checks the caller already ran (e.g. on the peer's task):
    /// <paramref name="contextFree"/> and <paramref name="checkedBlock"/> are what
    /// <see cref="BlockValidator.CheckBlock"/> returned for these bytes. <paramref name="wireChecksum"/> is
    /// the verified checksum of the message that carried exactly these bytes, stored with them so they are
    /// served without hashing; when null it is computed if the block is stored.
    /// </summary>
    public BlockProcessResult ProcessBlock(ReadOnlySpan<byte> block, in BlockValidationResult contextFree, in CheckedBlock checkedBlock,
        uint? wireChecksum = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (block.Length < BlockHeader.Size)
            return BlockProcessResult.InvalidBlock(default, BlockRuleError.Malformed, -1);
        var hash = BlockHeader.HashOf(block[..BlockHeader.Size]);
        var result = ProcessOne(block, hash, contextFree, checkedBlock, wireChecksum);
        if (result.Status is BlockProcessStatus.Accepted or BlockProcessStatus.Connected) ProcessOrphansOf(hash);
        CommitIfDue();
        return result;
    }

    /// <summary>Processes a block straight from (possibly segmented) network buffers.</summary>
    public BlockProcessResult ProcessBlock(in ReadOnlySequence<byte> block)
    {
        using var linear = new SequenceLinearizer(block);
        return ProcessBlock(linear.Span);
    }

    private BlockProcessResult ProcessOne(ReadOnlySpan<byte> block, in Hash256 hash, in BlockValidationResult contextFree, in CheckedBlock checkedBlock,
        uint? wireChecksum)
    {
        var header = BlockHeader.Read(block);
        bool known = _index.TryGet(hash, out int id);
        if (known)
        {
            ref readonly var e = ref _index[id];
            if (e.IsFailedOrDescendsFromFailed) return BlockProcessResult.InvalidHeader(hash, RuleError.KnownInvalid);
            if ((e.Status & BlockStatus.DataStored) != 0) return BlockProcessResult.Of(BlockProcessStatus.AlreadyHave, hash, e.Height);
        }
        else if (_orphans.Contains(hash))
        {
            return BlockProcessResult.Of(BlockProcessStatus.AlreadyHave, hash, -1);
        }
        else if (!_index.Contains(header.PrevBlock))
        {
            return AddOrphan(block, header, hash, contextFree);
        }

        if (!known)
        {
            var accepted = AcceptHeader(header, hash);
            if (!accepted.IsValid) return BlockProcessResult.InvalidHeader(hash, accepted.Validation.Error);
            id = accepted.Id;
        }
        int height = _index[id].Height;

        if (!contextFree.IsValid)
        {
            if (!contextFree.Error.MayBeMutation()) InvalidBlockFound(id, contextFree.Error);
            return BlockProcessResult.InvalidBlock(hash, contextFree.Error, height);
        }
        var contextual = BlockValidator.ContextualCheckBlock(block, checkedBlock, height, MedianTimePast(_index.Parent(id)), _params);
        if (!contextual.IsValid)
        {
            if (!contextual.Error.MayBeMutation()) InvalidBlockFound(id, contextual.Error);
            return BlockProcessResult.InvalidBlock(hash, contextual.Error, height);
        }

        _index.SetDataLocation(id, _store.AppendBlock(block, wireChecksum));
        _dirty.Add(id);
        _blocksSinceCommit++;
        BlockAccepted?.Invoke(Describe(id));
        _selector.DataStored(id);
        ActivateBestChain();

        return BlockProcessResult.Of(_view.Contains(id) ? BlockProcessStatus.Connected : BlockProcessStatus.Accepted, hash, height);
    }

    private BlockProcessResult AddOrphan(ReadOnlySpan<byte> block, in BlockHeader header, in Hash256 hash, in BlockValidationResult contextFree)
    {
        var pow = _headerValidator.CheckProofOfWork(header, hash);
        if (!pow.IsValid) return BlockProcessResult.InvalidHeader(hash, pow.Error);
        if (!contextFree.IsValid) return BlockProcessResult.InvalidBlock(hash, contextFree.Error, -1);
        _orphans.Add(hash, block);

        return BlockProcessResult.Of(BlockProcessStatus.Orphan, hash, CoinbaseHeight.TryReadFromBlock(block, out int claimed) ? claimed : -1);
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
                var contextFree = BlockValidator.CheckBlock(bytes, out var checkedBlock);
                var result = ProcessOne(bytes, hash, contextFree, checkedBlock, wireChecksum: null);
                if (result.Status is BlockProcessStatus.Accepted or BlockProcessStatus.Connected) parents.Enqueue(hash);
            }
        }
    }

    /// <summary>Core's InvalidBlockFound: the block and every descendant are failed (the selector skips failed candidates).</summary>
    private void InvalidBlockFound(int id, BlockRuleError error)
    {
        var descendants = new List<int>();
        _index.MarkFailed(id, descendants);
        _dirty.Add(id);
        foreach (int d in descendants) _dirty.Add(d);
        ChainLog.InvalidBlock(_logger, _index[id].Hash, _index[id].Height, error, descendants.Count);
    }
}
