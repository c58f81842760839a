using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Node.Primitives;
using Node.Wire;
using RocksDbSharp;

namespace Node.Storage;

/// <summary>
/// Block storage: raw blocks in flat files <c>blocks/blkNNNNN.dat</c> (Bitcoin Core's framing)
/// and the block index in RocksDB (<c>blocks/index</c>). Writes come from one thread (append,
/// stage rows, commit); reads (<see cref="FetchBlock"/>, <see cref="TryGetRow"/>) from any.
/// Crash safety follows Core's flush order: <see cref="Commit"/> syncs the block bytes before
/// the index batch that points at them is written, synced.
/// </summary>
public sealed class BlockStore : IDisposable
{
    private readonly BlockIndexDb _index;
    private readonly BlockFileWriter _writer;
    private readonly BlockFileReader _reader;
    private readonly WriteBatch _pending = new();
    private readonly ILogger _logger;
    private readonly uint _magic;
    private (int File, long Position) _committedEnd;

    /// <summary>What opening had to repair; <see cref="RecoveryReport.Clean"/> after a clean stop.</summary>
    public RecoveryReport Recovery { get; }

    /// <summary>The committed chain tip (zero for an empty store).</summary>
    public Hash256 Tip { get; private set; }

    private BlockStore(uint magic, BlockIndexDb index, BlockFileReader reader, BlockFileWriter writer, RecoveryReport recovery, ILogger logger)
    {
        _magic = magic;
        _index = index;
        _reader = reader;
        _writer = writer;
        Recovery = recovery;
        Tip = recovery.Tip;
        _logger = logger;
        _committedEnd = (writer.CurrentFile, writer.Position);
    }

    /// <summary>
    /// Opens (or creates) the store under <paramref name="dataDirectory"/> and repairs what an
    /// unclean stop left behind (see <see cref="Recovery"/>). <paramref name="magic"/> is the
    /// network magic as the uint read little-endian from its four start bytes (mainnet 0xD9B4BEF9);
    /// a store committed under another magic is refused (<see cref="StorageError.WrongNetwork"/>).
    /// </summary>
    public static BlockStore Open(string dataDirectory, uint magic, BlockStoreOptions? options = null, ILogger? logger = null)
    {
        options ??= new BlockStoreOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var blocks = Path.Combine(dataDirectory, "blocks");
        Directory.CreateDirectory(blocks);
        var index = BlockIndexDb.Open(Path.Combine(blocks, "index"), options);
        var reader = new BlockFileReader(blocks, magic);
        try
        {
            var (report, lastFile, position) = new StoreRecovery(blocks, magic, index, reader, logger).Run();
            var writer = new BlockFileWriter(blocks, magic, options, lastFile, position);
            return new BlockStore(magic, index, reader, writer, report, logger);
        }
        catch
        {
            reader.Dispose();
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends a raw block to the current flat file (not yet durable: see <see cref="Commit"/>).
    /// <paramref name="wireChecksum"/> is the checksum of the message the block arrived in, already
    /// verified by the frame reader and trusted as it is; when null it is computed from the bytes
    /// (one SHA-256d of the block). It becomes the row's <see cref="BlockIndexRow.WireChecksum"/>.
    /// </summary>
    public StoredBlock AppendBlock(ReadOnlySpan<byte> block, uint? wireChecksum = null) => _writer.Append(block, wireChecksum);

    /// <summary>Appends a raw block straight from (possibly segmented) network buffers; <paramref name="wireChecksum"/> as for a span.</summary>
    public StoredBlock AppendBlock(in ReadOnlySequence<byte> block, uint? wireChecksum = null) => _writer.Append(block, wireChecksum);

    /// <summary>fsyncs the flat-file bytes appended since the last flush.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Adds a row to the pending index batch; it becomes visible and durable at <see cref="Commit"/>.</summary>
    public void StageRow(in BlockIndexRow row) => _index.PutRow(_pending, row);

    /// <summary>
    /// Makes everything appended and staged durable, with <paramref name="tip"/> (the chain tip,
    /// a block whose bytes are stored) as the committed tip: block bytes are synced first, then
    /// the index batch with the flat files' committed sizes is written and synced.
    /// </summary>
    public void Commit(Hash256 tip)
    {
        _writer.Flush();
        foreach (var (file, size) in _writer.FinishedSinceCommit) _index.PutFileSize(_pending, file, size);
        _index.PutFileSize(_pending, _writer.CurrentFile, _writer.Position);
        _index.PutState(_pending, new ChainStateRecord(_magic, tip, _writer.CurrentFile));
        _index.CommitSynced(_pending);
        _pending.Clear();
        _writer.MarkCommitted();
        _committedEnd = (_writer.CurrentFile, _writer.Position);
        Tip = tip;
    }

    public bool TryGetRow(Hash256 hash, out BlockIndexRow row) => _index.TryGetRow(hash, out row);

    /// <summary>Streams every committed row (in hash order) to <paramref name="handler"/>; returns the count.</summary>
    public long LoadAll(BlockIndexRowHandler handler) => _index.LoadAll(handler);

    /// <summary>
    /// Writes the raw block into <paramref name="destination"/> (e.g. a peer's PipeWriter), after
    /// its checksum verifies; on any error nothing is advanced. A corrupt block is logged and
    /// never served.
    /// </summary>
    public StorageError FetchBlock(Hash256 hash, IBufferWriter<byte> destination) => Fetch(hash, destination, withWireChecksum: false, out _);

    /// <summary>
    /// <see cref="FetchBlock(Hash256, IBufferWriter{byte})"/>, also giving the block's wire checksum (see
    /// <see cref="ReadBlock(in BlockIndexRow, Span{byte}, out uint)"/>).
    /// </summary>
    public StorageError FetchBlock(Hash256 hash, IBufferWriter<byte> destination, out uint wireChecksum) =>
        Fetch(hash, destination, withWireChecksum: true, out wireChecksum);

    private StorageError Fetch(Hash256 hash, IBufferWriter<byte> destination, bool withWireChecksum, out uint wireChecksum)
    {
        wireChecksum = 0;
        if (!_index.TryGetRow(hash, out var row) || !row.HasData) return StorageError.BlockNotFound;
        if (row.Location.Length > BlockFileReader.MaxBlockLength) return ReadBlock(row, default); // refused and logged there
        int length = (int)row.Location.Length;
        var span = destination.GetSpan(length);
        var error = withWireChecksum ? ReadBlock(row, span, out wireChecksum) : ReadBlock(row, span);
        if (error == StorageError.None) destination.Advance(length);
        return error;
    }

    /// <summary>Reads the block of a row the caller already holds (no index lookup) into <paramref name="destination"/>.</summary>
    public StorageError ReadBlock(in BlockIndexRow row, Span<byte> destination)
    {
        if (!row.HasData) return StorageError.BlockNotFound;
        var error = _reader.Read(row.Location, row.Checksum, destination);
        if (error is not (StorageError.None or StorageError.DestinationTooSmall))
            StorageLog.CorruptBlock(_logger, row.Hash, error, row.Location.File, row.Location.Offset, row.Location.Length);
        return error;
    }

    /// <summary>
    /// <see cref="ReadBlock(in BlockIndexRow, Span{byte})"/>, also giving the checksum of a message carrying
    /// exactly these bytes: the row's <see cref="BlockIndexRow.WireChecksum"/>, covered by the same
    /// verification as the bytes; computed from the bytes for a row without one. 0 on error.
    /// </summary>
    public StorageError ReadBlock(in BlockIndexRow row, Span<byte> destination, out uint wireChecksum)
    {
        var error = ReadBlock(row, destination);
        wireChecksum = error != StorageError.None ? 0
            : row.WireChecksum != 0 ? row.WireChecksum
            : FrameReader.Checksum(destination[..(int)row.Location.Length]);
        return error;
    }

    /// <summary>
    /// Closes the store. Nothing is committed here: appended or staged data without a
    /// <see cref="Commit"/> is discarded at the next open, as after a crash. After a clean close
    /// (everything committed) the current file loses its preallocated tail, so the next open
    /// finds nothing to repair.
    /// </summary>
    public void Dispose()
    {
        if (_pending.Count() == 0 && _committedEnd == (_writer.CurrentFile, _writer.Position)) _writer.TrimPreallocation();
        _pending.Dispose();
        _writer.Dispose();
        _reader.Dispose();
        _index.Dispose();
    }
}
