using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Node.Storage.Tests;

public class CorruptionTests
{
    private static List<BlockIndexRow> StoreChain(TempDirectory dir, int count)
    {
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, count);
        store.Commit(rows[^1].Hash);
        return rows;
    }

    private static void FlipByte(string path, long offset)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        int b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }

    [Fact]
    public void A_flipped_byte_in_a_stored_block_is_a_checksum_mismatch_logged_and_never_served()
    {
        using var dir = new TempDirectory();
        var rows = StoreChain(dir, 200);
        var victim = rows[120];
        FlipByte(dir.BlkFile(0), victim.Location.Offset + victim.Location.Length / 2);

        var logger = new ListLogger();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, logger: logger);
        Assert.True(store.Recovery.Clean); // the tip is intact; a block in the middle is only checked when read

        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.ChecksumMismatch, store.FetchBlock(victim.Hash, writer));
        Assert.Equal(0, writer.WrittenCount);
        var span = new byte[victim.Location.Length];
        Assert.Equal(StorageError.ChecksumMismatch, store.ReadBlock(victim, span));

        var errors = logger.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count); // one per read attempt
        Assert.All(errors, e => Assert.Contains(victim.Hash.ToString(), e.Message));
        Assert.All(errors, e => Assert.Contains(nameof(StorageError.ChecksumMismatch), e.Message));

        foreach (var row in rows.Where(r => r.Hash != victim.Hash))
            Assert.Equal(Blocks.Mainnet0To438[row.Height], Blocks.Fetch(store, row.Hash, out var error));
    }

    [Fact]
    public void A_damaged_record_magic_is_bad_record_magic()
    {
        using var dir = new TempDirectory();
        var rows = StoreChain(dir, 20);
        FlipByte(dir.BlkFile(0), rows[7].Location.Offset - 8);
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Blocks.Fetch(store, rows[7].Hash, out var error);
        Assert.Equal(StorageError.BadRecordMagic, error);
    }

    [Fact]
    public void A_damaged_length_prefix_is_a_length_mismatch()
    {
        using var dir = new TempDirectory();
        var rows = StoreChain(dir, 20);
        FlipByte(dir.BlkFile(0), rows[7].Location.Offset - 4);
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Blocks.Fetch(store, rows[7].Hash, out var error);
        Assert.Equal(StorageError.LengthMismatch, error);
    }

    [Fact]
    public void A_store_of_another_network_is_refused_and_left_untouched()
    {
        using var dir = new TempDirectory();
        var rows = StoreChain(dir, 5);
        var before = File.ReadAllBytes(dir.BlkFile(0));
        var e = Assert.Throws<StorageCorruptionException>(() => BlockStore.Open(dir.Path, 0x0709110B)); // testnet3
        Assert.Equal(StorageError.WrongNetwork, e.Error);
        Assert.Equal(before, File.ReadAllBytes(dir.BlkFile(0)));

        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.True(store.Recovery.Clean);
        Assert.Equal(rows[4].Hash, store.Tip);
    }

    [Fact]
    public void A_record_written_under_another_magic_reads_as_bad_record_magic()
    {
        using var dir = new TempDirectory();
        var rows = StoreChain(dir, 5);
        using (var file = File.Open(dir.BlkFile(0), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = rows[2].Location.Offset - 8;
            file.Write([0x0b, 0x11, 0x09, 0x07]); // testnet3's start bytes
        }
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Blocks.Fetch(store, rows[2].Hash, out var error);
        Assert.Equal(StorageError.BadRecordMagic, error);
    }

    [Fact]
    public void A_file_cut_short_under_an_open_store_reads_as_truncated()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, 50);
        store.Commit(rows[^1].Hash);
        using (var file = File.Open(dir.BlkFile(0), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            file.SetLength(rows[40].Location.Offset + 10);
        Blocks.Fetch(store, rows[40].Hash, out var inside);
        Blocks.Fetch(store, rows[45].Hash, out var beyond);
        Assert.Equal(StorageError.Truncated, inside);
        Assert.Equal(StorageError.Truncated, beyond);
        Assert.Equal(Blocks.Mainnet0To438[39], Blocks.Fetch(store, rows[39].Hash, out var intact));
        Assert.Equal(StorageError.None, intact);
    }

    [Fact]
    public void A_row_pointing_into_a_missing_file_is_file_missing()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, 2);
        store.Commit(rows[^1].Hash);
        var elsewhere = rows[1] with { Location = rows[1].Location with { File = 7 } };
        Assert.Equal(StorageError.FileMissing, store.ReadBlock(elsewhere, new byte[elsewhere.Location.Length]));
    }

    [Fact]
    public void A_row_claiming_a_block_longer_than_any_message_is_refused_before_any_buffer_is_sized()
    {
        using var dir = new TempDirectory();
        var logger = new ListLogger();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, logger: logger);
        var rows = Blocks.AppendChain(store, 2);
        var huge = rows[1] with { Location = rows[1].Location with { Length = 0x7fff_ffff } };
        store.StageRow(huge);
        store.Commit(rows[0].Hash);

        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.BadIndexRow, store.FetchBlock(huge.Hash, writer));
        Assert.Equal(0, writer.Capacity);
        Assert.Equal(StorageError.BadIndexRow, store.ReadBlock(huge, new byte[100]));
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Error));
    }
}
