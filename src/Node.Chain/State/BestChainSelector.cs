using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.State;

/// <summary>
/// Core's setBlockIndexCandidates and mapBlocksUnlinked: a block is a candidate tip once its bytes
/// and those of all its ancestors are stored (its branch is fully available) and it has at least
/// the tip's work. Blocks stored before their parent wait, linked under it, until it is available.
/// Candidates sit in an array-backed heap (no allocation per block); failed ones and those the tip
/// has caught up with are dropped lazily when they reach the top.
/// </summary>
internal sealed class BestChainSelector
{
    private readonly BlockIndex _index;
    private readonly PriorityQueue<int, (UInt256 Work, int Id)> _candidates = new(MostWorkFirst.Instance);
    private readonly Dictionary<int, List<int>> _unlinked = [];
    private readonly Stack<int> _linking = new();
    private bool[] _available = new bool[1024];
    private UInt256 _floor;

    public BestChainSelector(BlockIndex index) => _index = index;

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
        _linking.Push(id);
        while (_linking.TryPop(out int next))
        {
            MarkAvailable(next);
            AddCandidate(next);
            if (!_unlinked.Remove(next, out var children)) continue;
            foreach (int child in children) _linking.Push(child);
        }
    }

    /// <summary>Makes a block a candidate again (a disconnected tip, whose branch stays available).</summary>
    public void AddCandidate(int id)
    {
        ref readonly var e = ref _index[id];
        if (!e.IsFailedOrDescendsFromFailed && e.ChainWork >= _floor && IsAvailable(id)) _candidates.Enqueue(id, (e.ChainWork, id));
    }

    /// <summary>
    /// The candidate with the most work (the earliest entry among equals, as Core's sequence ids
    /// order them) if it has more work than <paramref name="tip"/>; otherwise <see cref="BlockIndex.None"/>.
    /// </summary>
    public int FindMoreWorkThan(int tip)
    {
        var tipWork = _index[tip].ChainWork;
        while (_candidates.TryPeek(out int best, out var key))
        {
            if (key.Work > tipWork && !_index[best].IsFailedOrDescendsFromFailed) return best;
            _candidates.Dequeue();
        }
        return BlockIndex.None;
    }

    /// <summary>Later candidates need at least the work of <paramref name="tip"/>.</summary>
    public void SetFloor(int tip) => _floor = _index[tip].ChainWork;

    private void MarkAvailable(int id)
    {
        if (id >= _available.Length) Array.Resize(ref _available, Math.Max(id + 1, _available.Length * 2));
        _available[id] = true;
    }

    private sealed class MostWorkFirst : IComparer<(UInt256 Work, int Id)>
    {
        public static readonly MostWorkFirst Instance = new();

        public int Compare((UInt256 Work, int Id) x, (UInt256 Work, int Id) y)
        {
            int byWork = y.Work.CompareTo(x.Work);
            return byWork != 0 ? byWork : x.Id.CompareTo(y.Id);
        }
    }
}
