using System.Runtime.CompilerServices;
using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.View;

/// <summary>
/// The best (active) chain as an array of block index ids by height, with O(1) height lookup,
/// membership and successor. The hashes by height are mirrored in a memory-mapped file
/// (chainview.dat) so a restart reloads the chain instead of rebuilding it. Not thread-safe.
/// </summary>
public sealed partial class ChainView : IDisposable
{
    public const string FileName = "chainview.dat";

    private readonly BlockIndex _index;
    private readonly MappedHashFile _file;
    private int[] _ids;
    private int _height = -1;

    private ChainView(BlockIndex index, MappedHashFile file)
    {
        _index = index;
        _file = file;
        _ids = new int[1024];
    }

    /// <summary>
    /// Opens (or creates) <see cref="FileName"/> in <paramref name="directory"/> and validates it
    /// against <paramref name="index"/>: every stored hash must be in the index at its height, each
    /// the child of the one below. If the file is missing, empty or does not match, the view is
    /// built from <paramref name="fallbackTip"/> (an id, or <see cref="BlockIndex.None"/> for an empty view).
    /// </summary>
    public static ChainView Open(string directory, BlockIndex index, int fallbackTip)
    {
        ArgumentNullException.ThrowIfNull(index);
        Directory.CreateDirectory(directory);
        var view = new ChainView(index, new MappedHashFile(Path.Combine(directory, FileName)));
        try
        {
            view.Load(fallbackTip);
            return view;
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    public ChainViewOpenResult OpenResult { get; private set; }

    public ChainViewFileError RebuildReason { get; private set; }

    /// <summary>Total hashes written to the file since open (a reorg writes only past its fork point).</summary>
    public long HashesWritten { get; private set; }

    /// <summary>Height of the tip; -1 when empty.</summary>
    public int Height => _height;

    public int Tip => _height < 0 ? BlockIndex.None : _ids[_height];

    public int Genesis => _height < 0 ? BlockIndex.None : _ids[0];

    /// <summary>The id at <paramref name="height"/> on this chain, or <see cref="BlockIndex.None"/> past the tip.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NodeByHeight(int height) => (uint)height < (uint)(_height + 1) ? _ids[height] : BlockIndex.None;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int id)
    {
        if (id < 0 || id >= _index.Count) return false;
        int h = _index[id].Height;
        return h <= _height && _ids[h] == id;
    }

    /// <summary>The successor of <paramref name="id"/> on this chain; <see cref="BlockIndex.None"/> at the tip or off the chain.</summary>
    public int Next(int id)
    {
        if (!Contains(id)) return BlockIndex.None;
        int h = _index[id].Height;
        return h < _height ? _ids[h + 1] : BlockIndex.None;
    }

    /// <summary>The highest ancestor of <paramref name="id"/> (or itself) on this chain; <see cref="BlockIndex.None"/> if the view is empty.</summary>
    public int FindFork(int id)
    {
        if (_height < 0) return BlockIndex.None;
        int h = Math.Min(_index[id].Height, _height);
        int candidate = _index.GetAncestor(id, h);
        if (_ids[h] == candidate) return candidate;

        // Being on the chain is monotone along the ancestry: binary search the fork height.
        int lo = 0, hi = h - 1; // the answer is in [lo, hi]; genesis is shared
        while (lo < hi)
        {
            int mid = lo + ((hi - lo + 1) >> 1);
            if (_ids[mid] == _index.GetAncestor(id, mid)) lo = mid;
            else hi = mid - 1;
        }
        return _ids[lo];
    }

    /// <summary>
    /// Makes <paramref name="tip"/> the tip. Only heights past the fork point with the current chain
    /// are rewritten. Returns the fork height (-1 if nothing was shared).
    /// </summary>
    public int SetTip(int tip)
    {
        if (tip == BlockIndex.None)
        {
            Truncate(-1);
            return -1;
        }
        int newHeight = _index[tip].Height;
        EnsureCapacity(newHeight);

        int walk = tip;
        int h = newHeight;
        while (h >= 0 && !(h <= _height && _ids[h] == walk))
        {
            _ids[h] = walk;
            _file.WriteHash(h, _index[walk].Hash);
            HashesWritten++;
            walk = _index[walk].Parent;
            h--;
        }
        _height = newHeight;
        _file.WriteHeader(newHeight + 1L);
        return h;
    }

    /// <summary>Forces the mapped pages and file to disk.</summary>
    public void Flush() => _file.Flush();

    public void Dispose() => _file.Dispose();

    private void Truncate(int height)
    {
        _height = height;
        _file.WriteHeader(height + 1L);
    }

    private void EnsureCapacity(int height)
    {
        if (height < _ids.Length) return;
        int size = _ids.Length;
        while (size <= height) size = size < 1 << 30 ? size * 2 : int.MaxValue;
        Array.Resize(ref _ids, size);
    }

    private void Load(int fallbackTip)
    {
        var error = Validate();
        if (error == ChainViewFileError.None && _height >= 0)
        {
            OpenResult = ChainViewOpenResult.Loaded;
            return;
        }
        bool created = _file.ExistingLength == 0 || (error == ChainViewFileError.None && _height < 0);
        OpenResult = created ? ChainViewOpenResult.Created : ChainViewOpenResult.Rebuilt;
        RebuildReason = error;
        _height = -1;
        SetTip(fallbackTip);
    }

    private ChainViewFileError Validate()
    {
        if (_file.ExistingLength == 0) return ChainViewFileError.None;
        if (_file.ExistingLength < MappedHashFile.HeaderSize) return ChainViewFileError.TooShort;
        if (_file.StoredMagic != MappedHashFile.Magic) return ChainViewFileError.BadMagic;
        if (_file.StoredVersion != MappedHashFile.Version) return ChainViewFileError.UnsupportedVersion;
        ulong count = _file.StoredCount;
        if (count > (ulong)((_file.ExistingLength - MappedHashFile.HeaderSize) / Hash256.Size) || count > int.MaxValue)
            return ChainViewFileError.Truncated;

        int n = (int)count;
        EnsureCapacity(n - 1);
        for (int h = 0; h < n; h++)
        {
            if (!_index.TryGet(_file.ReadHash(h), out int id)) return ChainViewFileError.UnknownHash;
            ref readonly var e = ref _index[id];
            if (e.Height != h) return ChainViewFileError.HeightMismatch;
            if (h > 0 && e.Parent != _ids[h - 1]) return ChainViewFileError.ParentMismatch;
            _ids[h] = id;
        }
        _height = n - 1;
        return ChainViewFileError.None;
    }
}
