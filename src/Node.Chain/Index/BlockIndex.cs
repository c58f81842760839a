using Node.Primitives;
using Node.Storage;

namespace Node.Chain.Index;

/// <summary>
/// Every known header as a tree: height, cumulative work, status, parent and skip links, and where
/// the block bytes are stored. Entries live by value in an arena and are addressed by int ids,
/// assigned in insertion order; a parent is always added before its children, so a child's id is
/// larger than its parent's. Ids are not stable across restarts (hashes are).
/// Not thread-safe: one owner (the sync core) mutates and reads it.
/// </summary>
public sealed class BlockIndex
{
    /// <summary>The id meaning "no entry".</summary>
    public const int None = -1;

    /// <summary>Most entries an index holds (2^30, far beyond any real chain; keeps table sizes in int range).</summary>
    public const int MaxCount = 1 << 30;

    private readonly EntryArena _arena = new();
    private readonly HashIdTable _table;
    private int _bestHeader = None;
    // Consecutive headers nearly always share nBits; the work division is worth skipping.
    private uint _lastBits;
    private UInt256 _lastWork;

    /// <summary>The last min-difficulty walk (see <see cref="BlockIndexAncestry.LastNonMinDifficultyBits"/>).</summary>
    internal MinDifficultyWalk MinDifficultyWalk { get; set; } = MinDifficultyWalk.None;

    /// <param name="expectedCount">Headers expected, to size the hash table once (a hint, not a limit).</param>
    public BlockIndex(int expectedCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedCount, MaxCount);
        _table = new HashIdTable(expectedCount);
    }

    public int Count => _arena.Count;

    /// <summary>Id of the genesis entry, or <see cref="None"/> while the index is empty.</summary>
    public int Genesis => _arena.Count == 0 ? None : 0;

    /// <summary>The entry with the most cumulative work that is not failed (first seen wins ties).</summary>
    public int BestHeader => _bestHeader;

    public ref readonly BlockIndexEntry this[int id] => ref _arena[CheckId(id)];

    public bool TryGet(in Hash256 hash, out int id) => _table.TryFind(hash, _arena, out id);

    public bool Contains(in Hash256 hash) => _table.TryFind(hash, _arena, out _);

    public int Parent(int id) => _arena[CheckId(id)]._parent;

    /// <summary>
    /// Adds a header whose hash the caller computed, and returns its id. A header already present
    /// returns its existing id. The first header must be a genesis header; every later header's
    /// parent must be present.
    /// </summary>
    public int Add(in BlockHeader header, in Hash256 hash) => Add(header, hash, BlockStatus.None);

    /// <summary>
    /// Adds a header with the status it was stored with (restoring the index at start-up); failure
    /// flags are taken as stored. A header already present returns its existing id unchanged.
    /// </summary>
    internal int Restore(in BlockHeader header, in Hash256 hash, BlockStatus status, in StoredBlock stored)
    {
        int id = Add(header, hash, status);
        if ((status & BlockStatus.DataStored) != 0)
        {
            ref var e = ref _arena[id];
            e._location = stored.Location;
            e._checksum = stored.Checksum;
            e._wireChecksum = stored.WireChecksum;
        }
        return id;
    }

    private int Add(in BlockHeader header, in Hash256 hash, BlockStatus status)
    {
        if (_table.TryFind(hash, _arena, out int existing)) return existing;

        int parent = None;
        if (_arena.Count == 0)
        {
            if (!header.PrevBlock.IsZero)
                throw new BlockIndexException(BlockIndexError.FirstHeaderNotGenesis,
                    $"the first header {hash} has a previous block {header.PrevBlock}; a genesis header has none");
        }
        else if (!_table.TryFind(header.PrevBlock, _arena, out parent))
        {
            throw new BlockIndexException(BlockIndexError.UnknownParent,
                $"header {hash} builds on unknown block {header.PrevBlock}");
        }
        return Append(header, hash, status, parent);
    }

    /// <summary>
    /// Adds a new header whose parent the caller already looked up: <paramref name="parent"/> is the id of
    /// <paramref name="header"/>'s previous block and <paramref name="hash"/> is not in the index yet.
    /// </summary>
    internal int AddChild(int parent, in BlockHeader header, in Hash256 hash)
    {
        if (_arena[CheckId(parent)]._hash != header.PrevBlock)
            throw new BlockIndexException(BlockIndexError.UnknownParent, $"header {hash} does not build on entry {parent}");
        return Append(header, hash, BlockStatus.None, parent);
    }

    private int Append(in BlockHeader header, in Hash256 hash, BlockStatus status, int parent)
    {
        if (_arena.Count == MaxCount)
            throw new BlockIndexException(BlockIndexError.IndexFull, "the block index is full");

        ref var e = ref _arena.Append(out int id);
        e._hash = hash;
        e._merkleRoot = header.MerkleRoot;
        e._version = header.Version;
        e._time = header.Time;
        e._bits = header.Bits;
        e._nonce = header.Nonce;
        e._parent = parent;
        e._location = BlockLocation.None;
        e._status = status;
        if (header.Bits != _lastBits || _lastWork.IsZero)
        {
            _lastBits = header.Bits;
            _lastWork = UInt256.Work(header.Bits);
        }
        var work = _lastWork;
        if (parent == None)
        {
            e._chainWork = work;
            e._skip = None;
        }
        else
        {
            ref readonly var p = ref _arena[parent];
            e._height = p._height + 1;
            e._chainWork = p._chainWork + work;
            if ((p._status & BlockStatus.FailureMask) != 0 && (status & BlockStatus.FailureMask) == 0)
                e._status |= BlockStatus.FailedParent;
            e._skip = GetAncestor(parent, SkipList.SkipHeight(e._height));
        }
        _table.Insert(hash, id);

        if ((e._status & BlockStatus.FailureMask) == 0 && (_bestHeader == None || e._chainWork > _arena[_bestHeader]._chainWork))
            _bestHeader = id;
        return id;
    }

    /// <summary>The reconstructed 80-byte header of an entry.</summary>
    public BlockHeader GetHeader(int id)
    {
        ref readonly var e = ref _arena[CheckId(id)];
        var prev = e._parent == None ? Hash256.Zero : _arena[e._parent]._hash;
        return new BlockHeader(e._version, prev, e._merkleRoot, e._time, e._bits, e._nonce);
    }

    /// <summary>The ancestry of <paramref name="id"/>, for validating a header that builds on it.</summary>
    public BlockIndexAncestry AncestryOf(int id) => new(this, id);

    /// <summary>The ancestor of <paramref name="id"/> at <paramref name="height"/> in O(log n) hops, or <see cref="None"/>.</summary>
    public int GetAncestor(int id, int height)
    {
        ref readonly var start = ref _arena[CheckId(id)];
        if (height > start._height || height < 0) return None;

        int walk = id;
        int walkHeight = start._height;
        while (walkHeight > height)
        {
            ref readonly var e = ref _arena[walk];
            int skipHeight = SkipList.SkipHeight(walkHeight);
            int parentSkipHeight = SkipList.SkipHeight(walkHeight - 1);
            // Take the skip pointer unless it overshoots, or the parent's skip pointer would
            // land closer to the target (then stepping to the parent first is shorter).
            if (e._skip != None &&
                (skipHeight == height ||
                 (skipHeight > height && !(parentSkipHeight < skipHeight - 2 && parentSkipHeight >= height))))
            {
                walk = e._skip;
                walkHeight = skipHeight;
            }
            else
            {
                walk = e._parent;
                walkHeight--;
            }
        }
        return walk;
    }

    /// <summary>The last common ancestor of two entries.</summary>
    public int LastCommonAncestor(int a, int b)
    {
        int ha = this[a].Height, hb = this[b].Height;
        if (ha > hb) a = GetAncestor(a, hb);
        else if (hb > ha) b = GetAncestor(b, ha);
        while (a != b)
        {
            a = _arena[a]._parent;
            b = _arena[b]._parent;
        }
        return a;
    }

    public bool IsFailedOrDescendsFromFailed(int id) => _arena[CheckId(id)].IsFailedOrDescendsFromFailed;

    /// <summary>Adds status flags. Failure is recorded through <see cref="MarkFailed"/>, which also marks descendants.</summary>
    public void SetStatus(int id, BlockStatus flags)
    {
        if ((flags & BlockStatus.FailureMask) != 0)
            throw new ArgumentException("failure flags are set by MarkFailed", nameof(flags));
        _arena[CheckId(id)]._status |= flags;
    }

    /// <summary>Records where the block bytes are stored and sets <see cref="BlockStatus.DataStored"/>.</summary>
    public void SetDataLocation(int id, in StoredBlock stored)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stored.Location.File, nameof(stored));
        ref var e = ref _arena[CheckId(id)];
        e._location = stored.Location;
        e._checksum = stored.Checksum;
        e._wireChecksum = stored.WireChecksum;
        e._status |= BlockStatus.DataStored;
    }

    /// <summary>
    /// Marks a block that failed validation and every descendant (FailedParent), so none of them is
    /// requested or chosen again; headers added later under them inherit the mark. Returns how many
    /// descendants were newly marked, each also added to <paramref name="newlyMarked"/> when given. If the
    /// best header was among them, the best valid one is chosen again.
    /// </summary>
    public int MarkFailed(int id, List<int>? newlyMarked = null)
    {
        ref var failed = ref _arena[CheckId(id)];
        failed._status = (failed._status & ~BlockStatus.FailedParent) | BlockStatus.Failed;

        // Descendants have larger ids than their ancestors, so one forward pass sees every
        // parent's mark before its children.
        int marked = 0;
        int count = _arena.Count;
        for (int i = id + 1; i < count; i++)
        {
            ref var e = ref _arena[i];
            if ((e._status & BlockStatus.FailureMask) == 0 &&
                (_arena[e._parent]._status & BlockStatus.FailureMask) != 0)
            {
                e._status |= BlockStatus.FailedParent;
                newlyMarked?.Add(i);
                marked++;
            }
        }

        if (_bestHeader != None && (_arena[_bestHeader]._status & BlockStatus.FailureMask) != 0)
            _bestHeader = FindBestValid();
        return marked;
    }

    private int FindBestValid()
    {
        int best = None;
        int count = _arena.Count;
        for (int i = 0; i < count; i++)
        {
            ref readonly var e = ref _arena[i];
            if ((e._status & BlockStatus.FailureMask) == 0 && (best == None || e._chainWork > _arena[best]._chainWork))
                best = i;
        }
        return best;
    }

    private int CheckId(int id)
    {
        if ((uint)id >= (uint)_arena.Count)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"no block index entry {id} (count {_arena.Count})");
        return id;
    }
}
