using System.Buffers;
using BenchmarkDotNet.Attributes;
using Node.Primitives;
using Node.Storage;
using Node.Wire;

namespace Node.Bench.Storage;

/// <summary>
/// Serving a stored 1 MB block (mainnet 413567): index lookup, positional read of the record,
/// magic/length check and XxHash3 verification, into a reused buffer writer (page cache warm);
/// then framed as a block message as a peer's send does, the checksum hashed from the bytes
/// (baseline) or the one stored with the block.
/// </summary>
[MemoryDiagnoser]
public class StorageFetchBenchmarks
{
    private byte[] _block = [];
    private BenchStoreDirectory? _dir;
    private BlockStore? _store;
    private Hash256 _hash;
    private ArrayBufferWriter<byte> _writer = new();
    private ArrayBufferWriter<byte> _frame = new();

    [GlobalSetup]
    public void StoreBlock()
    {
        _block = BenchData.Bytes("blocks/mainnet-413567.raw");
        _dir = new BenchStoreDirectory();
        _store = BlockStore.Open(_dir.Path, 0xD9B4BEF9);
        var stored = _store.AppendBlock(_block);
        _hash = BlockHeader.HashOf(_block);
        _store.StageRow(new BlockIndexRow(_hash, BlockHeader.Read(_block), 413567,
            BlockStatus.FullyValidated | BlockStatus.DataStored, default, stored.Location, stored.Checksum, stored.WireChecksum));
        _store.Commit(_hash);
        _writer = new ArrayBufferWriter<byte>(_block.Length);
        _frame = new ArrayBufferWriter<byte>(MessageHeader.Size + _block.Length);
    }

    [GlobalCleanup]
    public void DropStore()
    {
        _store!.Dispose();
        _dir!.Dispose();
    }

    [Benchmark]
    public int FetchBlock1MB()
    {
        _writer.ResetWrittenCount();
        if (_store!.FetchBlock(_hash, _writer) != StorageError.None) throw new InvalidOperationException("fetch failed");
        return _writer.WrittenCount;
    }

    /// <summary>The checksum's share of a fetch.</summary>
    [Benchmark]
    public ulong Checksum1MB() => System.IO.Hashing.XxHash3.HashToUInt64(_block);

    /// <summary>Fetch, then frame with the message checksum computed (SHA-256d of the block).</summary>
    [Benchmark(Baseline = true)]
    public int ServeBlock1MB_HashOnSend()
    {
        _writer.ResetWrittenCount();
        if (_store!.FetchBlock(_hash, _writer) != StorageError.None) throw new InvalidOperationException("fetch failed");
        _frame.ResetWrittenCount();
        new MessageWriter(_frame, 0xD9B4BEF9).WriteRaw(Command.Block, new ReadOnlySequence<byte>(_writer.WrittenMemory));
        return _frame.WrittenCount;
    }

    /// <summary>Fetch with the stored message checksum, then frame with it: nothing hashed but the XxHash3 check.</summary>
    [Benchmark]
    public int ServeBlock1MB_StoredChecksum()
    {
        _writer.ResetWrittenCount();
        if (_store!.FetchBlock(_hash, _writer, out uint checksum) != StorageError.None) throw new InvalidOperationException("fetch failed");
        _frame.ResetWrittenCount();
        new MessageWriter(_frame, 0xD9B4BEF9).WriteRaw(Command.Block, new ReadOnlySequence<byte>(_writer.WrittenMemory), checksum);
        return _frame.WrittenCount;
    }
}
