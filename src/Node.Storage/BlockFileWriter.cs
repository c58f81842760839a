using System.Buffers;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using Node.Wire;

namespace Node.Storage;

/// <summary>
/// Appends block records to the current flat file with positional writes straight from the
/// caller's buffers (no FileStream, no copies), rolling over to a new file at the size limit and
/// growing the file in preallocation chunks. One writer thread. A file left by a rollover is synced
/// and closed on a thread of its own; <see cref="Flush"/> (so every commit) waits for that first.
/// </summary>
internal sealed class BlockFileWriter : IDisposable
{
    private readonly string _directory;
    private readonly uint _magic;
    private readonly long _maxFileSize;
    private readonly long _chunk;
    private readonly XxHash3 _hasher = new();
    private readonly List<(int File, long Size)> _finishedSinceCommit = [];
    private readonly List<Task> _closing = [];
    private SafeFileHandle _handle;
    private long _allocated;
    private bool _dirty;

    public int CurrentFile { get; private set; }

    /// <summary>Bytes of records written to the current file.</summary>
    public long Position { get; private set; }

    /// <summary>Files closed by a rollover since the last <see cref="MarkCommitted"/>, with their final sizes.</summary>
    public IReadOnlyList<(int File, long Size)> FinishedSinceCommit => _finishedSinceCommit;

    /// <summary>Continues file <paramref name="file"/> at <paramref name="position"/> (its committed size).</summary>
    public BlockFileWriter(string directory, uint magic, BlockStoreOptions options, int file, long position)
    {
        _directory = directory;
        _magic = magic;
        _maxFileSize = options.MaxFileSize;
        _chunk = options.PreallocationChunk;
        CurrentFile = file;
        Position = position;
        _handle = File.OpenHandle(FlatFiles.PathOf(directory, file), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _allocated = RandomAccess.GetLength(_handle);
    }

    /// <summary>Appends a block; a null <paramref name="wireChecksum"/> is computed from the bytes.</summary>
    public StoredBlock Append(ReadOnlySpan<byte> block, uint? wireChecksum)
    {
        long at = Reserve(block.Length);
        RandomAccess.Write(_handle, block, at + FlatFiles.RecordPrefixSize);
        return Finish(at, block.Length, BlockChecksum.Of(block), wireChecksum ?? FrameReader.Checksum(block));
    }

    /// <inheritdoc cref="Append(ReadOnlySpan{byte}, uint?)"/>
    public StoredBlock Append(in ReadOnlySequence<byte> block, uint? wireChecksum)
    {
        if (block.Length > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(block), "a block cannot exceed 2 GiB");
        int length = (int)block.Length;
        long at = Reserve(length);
        long offset = at + FlatFiles.RecordPrefixSize;
        foreach (var segment in block)
        {
            RandomAccess.Write(_handle, segment.Span, offset);
            offset += segment.Length;
        }
        return Finish(at, length, BlockChecksum.Of(block, _hasher), wireChecksum ?? FrameReader.Checksum(block));
    }

    /// <summary>
    /// fsyncs the current file if anything was written since the last flush, after the files left by rollovers are
    /// synced and closed. A failed sync of one of those is thrown here, at every flush from then on.
    /// </summary>
    public void Flush()
    {
        WaitForClosingFiles();
        if (!_dirty) return;
        RandomAccess.FlushToDisk(_handle);
        _dirty = false;
    }

    public void MarkCommitted() => _finishedSinceCommit.Clear();

    /// <summary>Cuts the preallocated tail off the current file, for a clean close.</summary>
    public void TrimPreallocation()
    {
        if (_allocated == Position) return;
        RandomAccess.SetLength(_handle, Position);
        RandomAccess.FlushToDisk(_handle);
        _allocated = Position;
    }

    /// <summary>Picks the file and offset for a record, writes its prefix, and makes room for it.</summary>
    private long Reserve(int blockLength)
    {
        long record = FlatFiles.RecordPrefixSize + (long)blockLength;
        if (Position > 0 && Position + record > _maxFileSize) RollOver();
        long end = Position + record;
        if (end > uint.MaxValue) throw new InvalidOperationException("a block record would end past the u32 offsets of the index");
        if (end > _allocated)
        {
            long grown = (end + _chunk - 1) / _chunk * _chunk;
            _allocated = Math.Max(end, Math.Min(grown, _maxFileSize));
            RandomAccess.SetLength(_handle, _allocated);
        }
        Span<byte> prefix = stackalloc byte[FlatFiles.RecordPrefixSize];
        FlatFiles.WritePrefix(prefix, _magic, blockLength);
        RandomAccess.Write(_handle, prefix, Position);
        return Position;
    }

    private StoredBlock Finish(long at, int length, ulong checksum, uint wireChecksum)
    {
        Position = at + FlatFiles.RecordPrefixSize + length;
        _dirty = true;
        return new StoredBlock(new BlockLocation(CurrentFile, (uint)(at + FlatFiles.RecordPrefixSize), (uint)length), checksum, wireChecksum);
    }

    // Like Core's FlushBlockFile(finalize): cut the preallocated tail and sync, so only the last file can ever hold
    // bytes past its committed size. Core syncs before moving on; here the sync of the finished file (tens of ms for
    // 128 MB, with every core otherwise idle while the writer waits) runs beside the next file's writes, and the next
    // commit, which records the finished file's size, waits for it.
    private void RollOver()
    {
        RandomAccess.SetLength(_handle, Position);
        var finished = _handle;
        _closing.Add(Task.Factory.StartNew(static state =>
        {
            using var handle = (SafeFileHandle)state!;
            RandomAccess.FlushToDisk(handle);
        }, finished, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        _finishedSinceCommit.Add((CurrentFile, Position));
        CurrentFile++;
        Position = 0;
        _handle = File.OpenHandle(FlatFiles.PathOf(_directory, CurrentFile), FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        _allocated = 0;
        _dirty = false;
    }

    private void WaitForClosingFiles()
    {
        if (_closing.Count == 0) return;
        // A failed sync throws here and stays listed, so no later commit records that file's size as durable.
        foreach (var task in _closing) task.GetAwaiter().GetResult();
        _closing.Clear();
    }

    /// <summary>Closes the current file once the files left by rollovers are closed (a failed sync was the commit's to report).</summary>
    public void Dispose()
    {
        try
        {
            Task.WaitAll(_closing);
        }
        catch (AggregateException)
        {
        }
        _closing.Clear();
        _handle.Dispose();
    }
}
