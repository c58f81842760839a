namespace Node.Storage;

/// <summary>Settings of a <see cref="BlockStore"/>. The defaults are Bitcoin Core's file sizes.</summary>
public sealed record BlockStoreOptions
{
    public const long DefaultMaxFileSize = 128L << 20;
    public const long DefaultPreallocationChunk = 16L << 20;

    /// <summary>A flat file takes no record that would end past this size (a record alone in a file is always taken).</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    /// <summary>Flat files grow in steps of this size, ahead of the writes.</summary>
    public long PreallocationChunk { get; init; } = DefaultPreallocationChunk;

    /// <summary>
    /// RocksDB block cache for the index. Lookups by block hash are random, so the working set
    /// is the whole index (~150 bytes a row, ~130 MB at mainnet's height): cache what fits.
    /// </summary>
    public ulong IndexCacheBytes { get; init; } = 64UL << 20;

    /// <summary>
    /// RocksDB memtable size. IBD writes rows continuously; a large memtable means fewer,
    /// larger L0 files and less compaction work while the chain grows.
    /// </summary>
    public ulong IndexWriteBufferBytes { get; init; } = 64UL << 20;

    /// <summary>
    /// LZ4 on the index tables. Off by default: measured on a 1M-row index
    /// (StorageIndexLoadBenchmarks), LZ4 made LoadAll ~15-20% slower for smaller tables
    /// (118 vs 185 MB, an upper bound: the synthetic rows share their merkle root); real rows are
    /// mostly hashes, which do not compress, and start-up time matters more than ~100 MB of disk.
    /// </summary>
    public bool CompressIndex { get; init; }

    internal void Validate()
    {
        if (MaxFileSize <= 8 || MaxFileSize > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(MaxFileSize), MaxFileSize, "a flat file size must fit the u32 offsets of the index");
        if (PreallocationChunk <= 0)
            throw new ArgumentOutOfRangeException(nameof(PreallocationChunk), PreallocationChunk, "must be positive");
    }
}
