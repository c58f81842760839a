using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.View;

public sealed partial class ChainView
{
    /// <summary>Most hashes a locator may carry (Bitcoin Core's MAX_LOCATOR_SZ).</summary>
    public const int MaxLocatorSize = 101;
    /// <summary>Most headers in one headers reply (MAX_HEADERS_RESULTS).</summary>
    public const int MaxHeadersResults = 2000;
    /// <summary>Most block hashes in one getblocks reply.</summary>
    public const int MaxBlocksResults = 500;

    // The step starts doubling once this many entries are in; the step already computed for the
    // next one is still 1, so the locator begins with 12 consecutive heights.
    private const int EntriesBeforeDoubling = 10;

    /// <summary>
    /// Writes the block locator of <paramref name="id"/> (any entry, on this chain or not) into
    /// <paramref name="destination"/> and returns the count: the entry and its 11 nearest ancestors
    /// one by one, then steps doubling each time, always ending with genesis. At most 44 entries
    /// for any int height, so a <see cref="MaxLocatorSize"/> span always suffices.
    /// </summary>
    public int GetLocator(int id, Span<Hash256> destination)
    {
        if (id == BlockIndex.None) return 0;
        int step = 1;
        int n = 0;
        bool onChain = Contains(id);
        while (true)
        {
            ref readonly var e = ref _index[id];
            if (n == destination.Length)
                throw new ArgumentException($"a locator needs up to {MaxLocatorSize} entries", nameof(destination));
            destination[n++] = e.Hash;
            if (e.Height == 0) return n;
            int height = Math.Max(e.Height - step, 0);
            if (!onChain)
            {
                id = _index.GetAncestor(id, height);
                onChain = Contains(id);
            }
            else
            {
                id = _ids[height];
            }
            if (n > EntriesBeforeDoubling) step *= 2;
        }
    }

    /// <summary>The locator of the tip.</summary>
    public int GetLocator(Span<Hash256> destination) => GetLocator(Tip, destination);

    /// <summary>
    /// The last entry of this chain that the locator's sender also has (Bitcoin Core's
    /// FindForkInGlobalIndex): the first locator hash on this chain, or the tip if a locator hash
    /// descends from the tip, else genesis.
    /// </summary>
    public int FindLocatorFork(ReadOnlySpan<Hash256> locator)
    {
        foreach (ref readonly var hash in locator)
        {
            if (!_index.TryGet(hash, out int id)) continue;
            if (Contains(id)) return id;
            if (_height >= 0 && _index.GetAncestor(id, _height) == _ids[_height]) return _ids[_height];
        }
        return Genesis;
    }

    /// <summary>
    /// Answers getheaders: the entries of this chain after the locator's fork point, up to
    /// <paramref name="max"/> (and the span's length), ending with <paramref name="hashStop"/> if met.
    /// An empty locator asks for the single header <paramref name="hashStop"/>, if known.
    /// Writes ids into <paramref name="destination"/> and returns the count.
    /// </summary>
    public int LocateHeaders(ReadOnlySpan<Hash256> locator, in Hash256 hashStop, Span<int> destination, int max = MaxHeadersResults)
    {
        int limit = Math.Min(max, destination.Length);
        if (limit <= 0) return 0;
        if (locator.IsEmpty)
        {
            if (!_index.TryGet(hashStop, out int stop)) return 0;
            destination[0] = stop;
            return 1;
        }
        return CopyAfterFork(locator, hashStop, stopIncluded: true, destination[..limit]);
    }

    /// <summary>
    /// Answers getblocks as Bitcoin Core does: the entries of this chain after the locator's fork point
    /// (genesis when none is known, so an empty locator starts at height 1), up to <paramref name="max"/>,
    /// stopping before <paramref name="hashStop"/>. Writes ids and returns the count.
    /// </summary>
    public int LocateBlocks(ReadOnlySpan<Hash256> locator, in Hash256 hashStop, Span<int> destination, int max = MaxBlocksResults)
    {
        int limit = Math.Min(max, destination.Length);
        if (limit <= 0) return 0;
        return CopyAfterFork(locator, hashStop, stopIncluded: false, destination[..limit]);
    }

    /// <summary>
    /// Copies the ids after the locator's fork, as far as fits, the tip, or the stop hash when it is
    /// on this chain past the fork (a stop hash elsewhere is never met by walking this chain).
    /// </summary>
    private int CopyAfterFork(ReadOnlySpan<Hash256> locator, in Hash256 hashStop, bool stopIncluded, Span<int> destination)
    {
        int fork = FindLocatorFork(locator);
        if (fork == BlockIndex.None) return 0;
        int first = _index[fork].Height + 1;
        int last = Math.Min(_height, first + destination.Length - 1);
        if (_index.TryGet(hashStop, out int stop) && Contains(stop))
        {
            int stopHeight = _index[stop].Height;
            if (stopHeight >= first) last = Math.Min(last, stopIncluded ? stopHeight : stopHeight - 1);
        }
        if (last < first) return 0;
        int count = last - first + 1;
        _ids.AsSpan(first, count).CopyTo(destination);
        return count;
    }
}
