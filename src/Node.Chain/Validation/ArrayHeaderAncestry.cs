using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Validation;

/// <summary>
/// A linear header chain in flat arrays, from a base height up: for validating a run of headers
/// (headers-first batches, tests, benchmarks). Appending grows the arrays; everything else is O(1)
/// and allocation-free.
/// </summary>
public sealed class ArrayHeaderAncestry : IHeaderAncestry
{
    private uint[] _times;
    private uint[] _bits;
    private Hash256[] _hashes;
    private int _count;

    /// <param name="baseHeight">Height of the first header appended: 0 from genesis, else a trusted header's height.</param>
    public ArrayHeaderAncestry(int baseHeight, int capacity = 2016)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseHeight);
        LowestHeight = baseHeight;
        capacity = Math.Max(capacity, 1);
        _times = new uint[capacity];
        _bits = new uint[capacity];
        _hashes = new Hash256[capacity];
    }

    /// <summary>A chain holding only the network's genesis header.</summary>
    public static ArrayHeaderAncestry FromGenesis(ChainParams chainParams, int capacity = 2016)
    {
        var a = new ArrayHeaderAncestry(0, capacity);
        a.Append(chainParams.GenesisHeader, chainParams.GenesisHash);
        return a;
    }

    /// <summary>The lowest height held: 0 from genesis, else the trusted base.</summary>
    public int LowestHeight { get; }
    public int Count => _count;
    public int Height => LowestHeight + _count - 1;
    public Hash256 TipHash => _count > 0 ? _hashes[_count - 1] : throw new InvalidOperationException("the ancestry is empty");

    public uint TimeAt(int height) => _times[Index(height)];
    public uint BitsAt(int height) => _bits[Index(height)];
    public Hash256 HashAt(int height) => _hashes[Index(height)];

    /// <summary>
    /// Core's median time past. Within 10 blocks of a trusted base (not genesis) it can only take the
    /// timestamps held, so for those first headers the rule is weaker than Core's.
    /// </summary>
    public uint MedianTimePast()
    {
        if (_count == 0) throw new InvalidOperationException("the ancestry is empty");
        int n = Math.Min(_count, ConsensusConstants.MedianTimeSpan);
        return MedianTime.Of(_times.AsSpan(_count - n, n));
    }

    public void Append(in BlockHeader header, in Hash256 hash)
    {
        if (_count == _times.Length)
        {
            int grown = _times.Length * 2;
            Array.Resize(ref _times, grown);
            Array.Resize(ref _bits, grown);
            Array.Resize(ref _hashes, grown);
        }
        _times[_count] = header.Time;
        _bits[_count] = header.Bits;
        _hashes[_count] = hash;
        _count++;
    }

    /// <summary>Drops headers above <paramref name="height"/>, so the chain can be extended from there again.</summary>
    public void TruncateTo(int height)
    {
        int index = Index(height);
        _count = index + 1;
    }

    private int Index(int height)
    {
        int i = height - LowestHeight;
        if ((uint)i >= (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"this ancestry holds heights {LowestHeight}..{Height}");
        return i;
    }
}
