using Node.Primitives;
using RocksDbSharp;

namespace Node.Storage;

/// <summary>
/// The RocksDB side of the store: column family <c>block_index</c> (hash -> row) and
/// <c>chain_state</c> (tip, last flat file, committed file sizes). Column families it does not
/// know (added by later versions, e.g. <c>utxo</c>) are opened and left alone.
/// </summary>
internal sealed class BlockIndexDb : IDisposable
{
    public const string BlockIndexFamily = "block_index";
    public const string ChainStateFamily = "chain_state";

    private readonly RocksDb _db;
    private readonly ReadOptions _pointRead = new();
    private readonly ReadOptions _scan = new ReadOptions().SetFillCache(false).SetReadaheadSize(4 << 20);
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly Cache _cache;

    public ColumnFamilyHandle BlockIndex { get; }
    public ColumnFamilyHandle ChainState { get; }

    private BlockIndexDb(RocksDb db, Cache cache)
    {
        _db = db;
        _cache = cache;
        BlockIndex = db.GetColumnFamily(BlockIndexFamily);
        ChainState = db.GetColumnFamily(ChainStateFamily);
    }

    public static BlockIndexDb Open(string path, BlockStoreOptions options)
    {
        var cache = Cache.CreateLru(options.IndexCacheBytes);
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            .SetKeepLogFileNum(2)
            .SetInfoLogLevel(InfoLogLevel.Warn);

        var families = new ColumnFamilies();
        families.Add(BlockIndexFamily, IndexFamilyOptions(cache, options));
        families.Add(ChainStateFamily, new ColumnFamilyOptions());
        if (RocksDb.TryListColumnFamilies(dbOptions, path, out var existing))
        {
            foreach (var name in existing)
            {
                if (name != BlockIndexFamily && name != ChainStateFamily && name != ColumnFamilies.DefaultName)
                    families.Add(name, new ColumnFamilyOptions());
            }
        }
        return new BlockIndexDb(RocksDb.Open(dbOptions, path, families), cache);
    }

    // Keys are block hashes: uniformly random, so a whole-key bloom filter lets a lookup for an
    // unknown block (inv/getdata from peers) skip the disk. Values are ~150 random-looking bytes;
    // 16 KB blocks keep the start-up scan sequential without slowing point reads much.
    private static ColumnFamilyOptions IndexFamilyOptions(Cache cache, BlockStoreOptions options)
    {
        var table = new BlockBasedTableOptions()
            .SetBlockCache(cache)
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
            .SetWholeKeyFiltering(true)
            .SetBlockSize(16 * 1024)
            .SetCacheIndexAndFilterBlocks(true)
            .SetPinL0FilterAndIndexBlocksInCache(true)
            .SetFormatVersion(5);
        return (ColumnFamilyOptions)new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            .SetWriteBufferSize(options.IndexWriteBufferBytes)
            .SetMaxWriteBufferNumber(3)
            .SetTargetFileSizeBase(64UL << 20)
            .SetCompression(options.CompressIndex ? Compression.Lz4 : Compression.No);
    }

    public bool TryGetRow(Hash256 hash, out BlockIndexRow row)
    {
        var value = _db.Get(hash.Bytes, RowValue.Reader, BlockIndex, _pointRead);
        row = value.Found ? value.Decode(hash) : default;
        return value.Found;
    }

    /// <summary>Streams every row in key order, decoding straight from RocksDB's buffers.</summary>
    public long LoadAll(BlockIndexRowHandler handler)
    {
        using var it = _db.NewIterator(BlockIndex, _scan);
        long count = 0;
        for (it.SeekToFirst(); it.Valid(); it.Next())
        {
            var row = BlockIndexRowCodec.Read(it.GetKeySpan(), it.GetValueSpan());
            handler(in row);
            count++;
        }
        return count;
    }

    /// <summary>The committed state, or null for a new store.</summary>
    public ChainStateRecord? ReadState()
    {
        Span<byte> value = stackalloc byte[ChainStateCodec.StateSize];
        try
        {
            return _db.GetFixedSizeValue(ChainStateCodec.StateKey, value, ChainState, _pointRead)
                ? ChainStateCodec.ReadState(value)
                : null;
        }
        catch (Exception e) when (e is not (RocksDbException or StorageCorruptionException))
        {
            throw new StorageCorruptionException(StorageError.BadIndexRow, $"chain_state record: {e.Message}");
        }
    }

    /// <summary>Committed size of every flat file, by file number.</summary>
    public SortedDictionary<int, long> ReadFileSizes()
    {
        var sizes = new SortedDictionary<int, long>();
        using var it = _db.NewIterator(ChainState, _pointRead);
        for (it.Seek([ChainStateCodec.FileKeyPrefix]); it.Valid(); it.Next())
        {
            var key = it.GetKeySpan();
            if (key.IsEmpty || key[0] != ChainStateCodec.FileKeyPrefix) break;
            var (file, size) = ChainStateCodec.ReadFileSize(key, it.GetValueSpan());
            sizes[file] = size;
        }
        return sizes;
    }

    public void PutRow(WriteBatch batch, in BlockIndexRow row)
    {
        Span<byte> value = stackalloc byte[BlockIndexRowCodec.Size];
        BlockIndexRowCodec.Write(row, value);
        batch.Put(row.Hash.Bytes, value, BlockIndex);
    }

    public void PutState(WriteBatch batch, in ChainStateRecord state)
    {
        Span<byte> value = stackalloc byte[ChainStateCodec.StateSize];
        ChainStateCodec.WriteState(state, value);
        batch.Put(ChainStateCodec.StateKey, value, ChainState);
    }

    public void PutFileSize(WriteBatch batch, int file, long size)
    {
        Span<byte> key = stackalloc byte[ChainStateCodec.FileKeySize];
        Span<byte> value = stackalloc byte[ChainStateCodec.FileSizeValueSize];
        ChainStateCodec.WriteFileSize(file, size, key, value);
        batch.Put(key, value, ChainState);
    }

    /// <summary>Writes the batch and waits until it is on disk (WAL synced).</summary>
    public void CommitSynced(WriteBatch batch) => _db.Write(batch, _syncWrite);

    /// <summary>
    /// Writes the memtables to table files. RocksDB does not on close (the WAL has the data), and
    /// replaying ~64 MB of WAL at the next open took over 5 s for a 1M-row index: a clean close
    /// pays that once, here, instead.
    /// </summary>
    private void FlushMemtables()
    {
        var flush = new FlushOptions().SetWaitForFlush(true);
        Native.Instance.rocksdb_flush_cf(_db.Handle, flush.Handle, BlockIndex.Handle);
        Native.Instance.rocksdb_flush_cf(_db.Handle, flush.Handle, ChainState.Handle);
    }

    public void Dispose()
    {
        FlushMemtables();
        _db.Dispose();
        GC.KeepAlive(_cache);
    }
}
