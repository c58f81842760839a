using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.State;

/// <summary>
/// Core's setBlockIndexCandidates and mapBlocksUnlinked: a block is a candidate tip once its bytes
/// and those of all its ancestors are stored (its branch is fully available) and it has at least
/// the tip's work. Blocks stored before their parent wait, linked under it, until it is available.
/// </summary>
internal sealed class BestChainSelector
{
    private readonly BlockIndex _index;
    private readonly SortedSet<int> _candidates;
    private readonly Dictionary<int, List<int>> _unlinked = [];
    private bool[] _available = new bool[1024];
    private UInt256 _floor;

    public BestChainSelector(BlockIndex index)
    {
        _index = index;
        // Most work first; on equal work the earlier entry (seen first) wins, as Core's sequence ids do.
        _candidates = new SortedSet<int>(Comparer<int>.Create((a, b) =>
        {
            int byWork = index[b].ChainWork.CompareTo(index[a].ChainWork);
            return byWork != 0 ? byWork : a.CompareTo(b);
        }));
    }

    public int CandidateCount => _candidates.Count;

    /// <summary>The block and all its ancestors are stored.</summary>
    public bool IsAvailable(int id) => id < _available.Length && _available[id];

    /// <summary>Records that the bytes of <paramref name="id"/> are stored; links it and any waiting descendants.</summary>
    public void DataStored(int id)
    {
        int parent = _index.Parent(id);
        if (parent != BlockIndex.None && !IsAvailable(parent))
        {
            if (!_unlinked.TryGetValue(parent, out var waiting)) _unlinked[parent] = waiting = [];
            waiting.Add(id);
            return;
        }
        var pending = new Stack<int>();
        pending.Push(id);
        while (pending.TryPop(out int next))
        {
            MarkAvailable(next);
            AddCandidate(next);
            if (!_unlinked.Remove(next, out var children)) continue;
            foreach (int child in children) pending.Push(child);
        }
    }

    /// <summary>Makes a block a candidate again (a disconnected tip, whose branch stays available).</summary>
    public void AddCandidate(int id)
    {
        ref readonly var e = ref _index[id];
        if (!e.IsFailedOrDescendsFromFailed && e.ChainWork >= _floor && IsAvailable(id)) _candidates.Add(id);
    }

    /// <summary>The candidate with the most work that is not failed, or <see cref="BlockIndex.None"/>.</summary>
    public int FindMostWork()
    {
        while (_candidates.Count > 0)
        {
            int best = _candidates.Min;
            if (!_index[best].IsFailedOrDescendsFromFailed) return best;
            _candidates.Remove(best);
        }
        return BlockIndex.None;
    }

    public void Remove(int id) => _candidates.Remove(id);

    /// <summary>Drops the candidates with less work than <paramref name="tip"/>; later ones need at least its work.</summary>
    public void Prune(int tip)
    {
        _floor = _index[tip].ChainWork;
        while (_candidates.Count > 0 && _index[_candidates.Max].ChainWork < _floor) _candidates.Remove(_candidates.Max);
    }

    private void MarkAvailable(int id)
    {
        if (id >= _available.Length) Array.Resize(ref _available, Math.Max(id + 1, _available.Length * 2));
        _available[id] = true;
    }
}
