using Node.Primitives;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Core's invalidateblock: marks the block and its descendants failed, disconnects the best
    /// chain down to the block's parent if it was on it, and falls back to the fully available
    /// chain with the most work. Returns false for an unknown hash. O(index size): an operator's tool.
    /// </summary>
    public bool InvalidateBlock(in Hash256 hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_index.TryGet(hash, out int id)) return false;
        if (id == _index.Genesis) throw new InvalidOperationException("the genesis block cannot be invalidated");

        while (_view.Contains(id)) DisconnectTip();
        var descendants = new List<int>();
        _index.MarkFailed(id, descendants);
        _dirty.Add(id);
        foreach (int d in descendants) _dirty.Add(d);
        ChainLog.BlockInvalidated(_logger, hash, _index[id].Height, descendants.Count);

        // Branches left behind by earlier activations become candidates again.
        _selector.SetFloor(_view.Tip);
        for (int i = 0; i < _index.Count; i++) _selector.AddCandidate(i);
        ActivateBestChain();
        CommitIfDue();
        return true;
    }
}
