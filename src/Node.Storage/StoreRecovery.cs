using System.Buffers;
using Microsoft.Extensions.Logging;
using Node.Primitives;
using RocksDbSharp;

namespace Node.Storage;

/// <summary>
/// Brings the flat files and the index back to one consistent state when the store opens, in
/// Bitcoin Core's order of trust: the index commit is the truth, since block bytes are always
/// synced before the index batch pointing at them.
/// 1. Bytes past a file's committed size, and files past the last committed one, were written
///    after the last commit: they are cut off / deleted.
/// 2. Committed rows pointing past the end of a file (damaged or truncated outside the node's
///    control) lose their data flag and are reported.
/// 3. The committed tip's bytes are verified; if they are not intact the tip walks back to the
///    nearest ancestor whose bytes are.
/// </summary>
internal sealed class StoreRecovery(string blocksDirectory, uint magic, BlockIndexDb index, BlockFileReader reader, ILogger logger)
{
    private readonly List<DroppedBlock> _dropped = [];
    private readonly List<int> _deleted = [];
    private long _discarded;

    public (RecoveryReport Report, int LastFile, long Position) Run()
    {
        var state = index.ReadState();
        if (state is { } s && s.Magic != magic)
            throw new StorageCorruptionException(StorageError.WrongNetwork, $"the store holds the blocks of network magic 0x{s.Magic:x8}, not 0x{magic:x8}");
        var storedTip = state?.Tip ?? Hash256.Zero;
        int lastFile = state?.LastFile ?? 0;
        var committed = index.ReadFileSizes();

        DiscardUncommitted(lastFile, committed);
        var damaged = FindDamagedFiles(committed);
        if (damaged.Count > 0) DropRowsBeyondFileEnds(damaged);
        var tip = RollBackToIntactTip(storedTip, lastFile);

        long position = damaged.TryGetValue(lastFile, out long intactEnd) ? intactEnd : committed.GetValueOrDefault(lastFile);
        return (new RecoveryReport(_discarded, _deleted, _dropped, storedTip, tip), lastFile, position);
    }

    private void DiscardUncommitted(int lastFile, SortedDictionary<int, long> committed)
    {
        foreach (int file in FlatFiles.Existing(blocksDirectory).Order())
        {
            var path = FlatFiles.PathOf(blocksDirectory, file);
            long length = new FileInfo(path).Length;
            if (file > lastFile)
            {
                File.Delete(path);
                _deleted.Add(file);
                _discarded += length;
                continue;
            }
            long size = committed.GetValueOrDefault(file);
            if (length <= size) continue;
            Truncate(path, size);
            _discarded += length - size;
        }
        if (_discarded > 0 || _deleted.Count > 0) StorageLog.DiscardedUncommitted(logger, _discarded, _deleted.Count);
    }

    /// <summary>Files shorter than their committed size, with their actual length (-1 if missing); after <see cref="DropRowsBeyondFileEnds"/>, the end of their intact records.</summary>
    private Dictionary<int, long> FindDamagedFiles(SortedDictionary<int, long> committed)
    {
        var damaged = new Dictionary<int, long>();
        foreach (var (file, size) in committed)
        {
            long length = reader.LengthOf(file);
            if (length < size) damaged[file] = length;
        }
        return damaged;
    }

    /// <summary>
    /// Drops the rows whose records a damaged file no longer holds, then cuts each damaged file
    /// back to the end of its last intact record and records that as its committed size.
    /// </summary>
    private void DropRowsBeyondFileEnds(Dictionary<int, long> damaged)
    {
        using var batch = new WriteBatch();
        var intactEnd = damaged.Keys.ToDictionary(file => file, _ => 0L);
        index.LoadAll((in BlockIndexRow row) =>
        {
            if (!row.HasData || !damaged.TryGetValue(row.Location.File, out long length)) return;
            if (row.Location.End <= length)
                intactEnd[row.Location.File] = Math.Max(intactEnd[row.Location.File], row.Location.End);
            else
                Drop(batch, row, length < 0 ? StorageError.FileMissing : StorageError.Truncated);
        });
        foreach (var (file, end) in intactEnd)
        {
            if (damaged[file] > end) Truncate(FlatFiles.PathOf(blocksDirectory, file), end);
            damaged[file] = end;
            index.PutFileSize(batch, file, end);
        }
        index.CommitSynced(batch);
    }

    private static void Truncate(string path, long size)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.SetLength(handle, size);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>Walks from the committed tip to the nearest block whose bytes verify, dropping the ones that do not.</summary>
    private Hash256 RollBackToIntactTip(Hash256 storedTip, int lastFile)
    {
        using var batch = new WriteBatch();
        var tip = storedTip;
        while (!tip.IsZero)
        {
            if (!index.TryGetRow(tip, out var row))
                throw new StorageCorruptionException(StorageError.BlockNotFound, $"chain tip {tip} has no block_index row");
            if (row.HasData)
            {
                var error = Verify(row);
                if (error == StorageError.None) break;
                Drop(batch, row, error);
            }
            tip = row.Header.PrevBlock;
        }
        if (tip != storedTip)
        {
            index.PutState(batch, new ChainStateRecord(magic, tip, lastFile));
            index.CommitSynced(batch);
            StorageLog.TipRolledBack(logger, storedTip, tip);
        }
        return tip;
    }

    private StorageError Verify(in BlockIndexRow row)
    {
        if (row.Location.Length > BlockFileReader.MaxBlockLength) return StorageError.BadIndexRow;
        var buffer = ArrayPool<byte>.Shared.Rent((int)row.Location.Length);
        try
        {
            return reader.Read(row.Location, row.Checksum, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Drop(WriteBatch batch, in BlockIndexRow row, StorageError reason)
    {
        index.PutRow(batch, row.WithoutData());
        _dropped.Add(new DroppedBlock(row.Hash, row.Height, reason));
        StorageLog.DroppedBlock(logger, row.Hash, row.Height, reason);
    }
}
