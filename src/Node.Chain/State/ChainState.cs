using System.Buffers;
using Microsoft.Extensions.Logging;
using Node.Chain.Index;
using Node.Chain.Validation;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;

namespace Node.Chain.State;

/// <summary>
/// Decides what the chain is and remembers it across restarts: accepts headers and blocks,
/// keeps orphans, selects and activates the best chain (reorganizing when a branch with more
/// work becomes fully available), marks invalid branches, and commits the index with the tip in
/// Core's flush order. Single-threaded: one owner (the sync core) calls it.
/// </summary>
public sealed partial class ChainState : IDisposable
{
    private readonly ChainParams _params;
    private readonly ChainStateOptions _options;
    private readonly BlockStore _store;
    private readonly BlockIndex _index;
    private readonly ChainView _view;
    private readonly HeaderValidator _headerValidator;
    private readonly BestChainSelector _selector;
    private readonly OrphanPool _orphans;
    private readonly ILogger _logger;
    private readonly HashSet<int> _dirty = [];
    private readonly UInt256 _minimumChainWork;
    private int _lastCheckpointHeight = -1;
    private bool _leftInitialBlockDownload;
    private bool _disposed;

    private ChainState(ChainParams chainParams, ChainStateOptions options, BlockStore store, BlockIndex index, ChainView view, ILogger logger)
    {
        _params = chainParams;
        _options = options;
        _store = store;
        _index = index;
        _view = view;
        _logger = logger;
        _minimumChainWork = options.MinimumChainWork ?? chainParams.MinimumChainWork;
        _headerValidator = new HeaderValidator(options.CheckpointsEnabled ? chainParams : chainParams with { Checkpoints = [] });
        _selector = new BestChainSelector(index);
        _orphans = new OrphanPool(options.MaxOrphans, options.MaxOrphanBytes, options.OrphanExpiry, options.Clock);
        _lastCommit = options.Clock.GetUtcNow();
    }

    public ChainParams Params => _params;

    /// <summary>Every known header; read it from the owning thread only.</summary>
    public BlockIndex Index => _index;

    /// <summary>The best chain by height.</summary>
    public ChainView Chain => _view;

    /// <summary>What opening the block store had to repair.</summary>
    public RecoveryReport Recovery => _store.Recovery;

    public int TipId => _view.Tip;
    public Hash256 Tip => _index[_view.Tip].Hash;
    public int TipHeight => _view.Height;

    /// <summary>The valid header with the most work (its block may not be stored yet).</summary>
    public Hash256 BestHeader => _index[_index.BestHeader].Hash;
    public int BestHeaderHeight => _index[_index.BestHeader].Height;

    public UInt256 MinimumChainWork => _minimumChainWork;

    public int OrphanCount => _orphans.Count;
    public long OrphanBytes => _orphans.Bytes;

    /// <summary>The block's bytes are stored, or it waits in the orphan pool: no need to download it.</summary>
    public bool HaveBlock(in Hash256 hash) =>
        (_index.TryGet(hash, out int id) && (_index[id].Status & BlockStatus.DataStored) != 0) || _orphans.Contains(hash);

    /// <summary>The block failed validation or descends from one that did: never request it again.</summary>
    public bool IsKnownInvalid(in Hash256 hash) => _index.TryGet(hash, out int id) && _index[id].IsFailedOrDescendsFromFailed;

    public bool IsOrphan(in Hash256 hash) => _orphans.Contains(hash);

    /// <summary>The orphan at the bottom of the orphan chain <paramref name="hash"/> belongs to (whose parent is missing).</summary>
    public Hash256 GetOrphanRoot(in Hash256 hash) => _orphans.GetOrphanRoot(hash);

    /// <summary>The header of the best chain at <paramref name="height"/>; false past the tip.</summary>
    public bool GetHeaderByHeight(int height, out BlockHeader header, out Hash256 hash)
    {
        int id = _view.NodeByHeight(height);
        if (id == BlockIndex.None)
        {
            header = default;
            hash = default;
            return false;
        }
        header = _index.GetHeader(id);
        hash = _index[id].Hash;
        return true;
    }

    /// <summary>Core's GetMedianTimePast of a block index entry.</summary>
    public uint MedianTimePast(int id) => new BlockIndexAncestry(_index, id).MedianTimePast();

    /// <summary>
    /// Core's IsInitialBlockDownload: the tip has less than the minimum chain work, or is older than
    /// the max tip age. Once false it stays false for the life of this object.
    /// </summary>
    public bool IsInitialBlockDownload
    {
        get
        {
            if (_leftInitialBlockDownload) return false;
            ref readonly var tip = ref _index[_view.Tip];
            if (tip.ChainWork < _minimumChainWork) return true;
            if (tip.Time < Now - (long)_options.MaxTipAge.TotalSeconds) return true;
            _leftInitialBlockDownload = true;
            return false;
        }
    }

    /// <summary>A block locator of the tip into <paramref name="destination"/> (up to <see cref="ChainView.MaxLocatorSize"/>); returns the count.</summary>
    public int GetLocator(Span<Hash256> destination) => _view.GetLocator(destination);

    /// <summary>getheaders: ids of the best chain after the locator's fork, up to <paramref name="hashStop"/>.</summary>
    public int LocateHeaders(ReadOnlySpan<Hash256> locator, in Hash256 hashStop, Span<int> destination, int max = ChainView.MaxHeadersResults) =>
        _view.LocateHeaders(locator, hashStop, destination, max);

    /// <summary>getblocks: like <see cref="LocateHeaders"/> with the inv limit.</summary>
    public int LocateBlocks(ReadOnlySpan<Hash256> locator, in Hash256 hashStop, Span<int> destination, int max = ChainView.MaxBlocksResults) =>
        _view.LocateBlocks(locator, hashStop, destination, max);

    /// <summary>
    /// Writes a stored block's raw bytes into <paramref name="destination"/> after its checksum
    /// verifies (stored since the last commit too); nothing is advanced on error.
    /// </summary>
    public StorageError FetchBlock(in Hash256 hash, IBufferWriter<byte> destination) => Fetch(hash, destination, withWireChecksum: false, out _);

    /// <summary>
    /// <see cref="FetchBlock(in Hash256, IBufferWriter{byte})"/>, also giving the checksum of a message carrying
    /// exactly these bytes: the one stored with the block (verified with it), computed for blocks stored
    /// without one (see <see cref="BlockStore.ReadBlock(in BlockIndexRow, Span{byte}, out uint)"/>).
    /// </summary>
    public StorageError FetchBlock(in Hash256 hash, IBufferWriter<byte> destination, out uint wireChecksum) =>
        Fetch(hash, destination, withWireChecksum: true, out wireChecksum);

    private StorageError Fetch(in Hash256 hash, IBufferWriter<byte> destination, bool withWireChecksum, out uint wireChecksum)
    {
        wireChecksum = 0;
        if (!_index.TryGet(hash, out int id) || (_index[id].Status & BlockStatus.DataStored) == 0) return StorageError.BlockNotFound;
        var row = BlockIndexLoader.RowOf(_index, id);
        int length = (int)row.Location.Length;
        var span = destination.GetSpan(length);
        var error = withWireChecksum ? _store.ReadBlock(row, span, out wireChecksum) : _store.ReadBlock(row, span);
        if (error == StorageError.None) destination.Advance(length);
        return error;
    }

    private long Now => _options.Clock.GetUtcNow().ToUnixTimeSeconds();
}
