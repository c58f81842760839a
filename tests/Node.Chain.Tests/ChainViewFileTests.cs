using System.Buffers.Binary;
using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Chain.Tests;

public sealed class ChainViewFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string FilePath => Path.Combine(_dir.Path, ChainView.FileName);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_reopened_view_loads_from_the_file_without_rewriting()
    {
        var index = TestChains.Mainnet();
        using (var view = ChainView.Open(_dir.Path, index, index.BestHeader))
        {
            Assert.Equal(ChainViewOpenResult.Created, view.OpenResult);
            view.SetTip(5000);
        }

        // The fallback differs from the stored tip: a matching file wins.
        using var reopened = ChainView.Open(_dir.Path, index, index.BestHeader);
        Assert.Equal(ChainViewOpenResult.Loaded, reopened.OpenResult);
        Assert.Equal(ChainViewFileError.None, reopened.RebuildReason);
        Assert.Equal(0, reopened.HashesWritten);
        Assert.Equal(5000, reopened.Height);
        for (int h = 0; h <= 5000; h++) Assert.Equal(h, reopened.NodeByHeight(h));
    }

    [Fact]
    public void A_reopened_view_maps_hashes_to_the_ids_of_a_rebuilt_index()
    {
        var (index, main, _, side17) = TestChains.SeedTree();
        using (var view = ChainView.Open(_dir.Path, index, side17)) { }

        // The same headers inserted in another order get other ids; the file stores hashes.
        var rebuilt = new BlockIndex();
        rebuilt.Add(index.GetHeader(main[0]), index[main[0]].Hash);
        foreach (int id in Enumerable.Range(1, index.Count - 1).Reverse().OrderBy(id => index[id].Height))
            rebuilt.Add(index.GetHeader(id), index[id].Hash);

        using var reopened = ChainView.Open(_dir.Path, rebuilt, BlockIndex.None);
        Assert.Equal(ChainViewOpenResult.Loaded, reopened.OpenResult);
        Assert.Equal(index[side17].Hash, rebuilt[reopened.Tip].Hash);
        Assert.Equal(17, reopened.Height);
    }

    [Fact]
    public void The_file_grows_by_remapping_and_survives_reopen()
    {
        var index = new BlockIndex();
        SyntheticChain.AddTo(index, 150_000);
        using (var view = ChainView.Open(_dir.Path, index, 70_000))
        {
            view.SetTip(149_999);
            Assert.Equal(149_999, view.Height);
        }
        Assert.True(new FileInfo(FilePath).Length >= MappedHeaderSize + 150_000L * Hash256.Size);

        using var reopened = ChainView.Open(_dir.Path, index, BlockIndex.None);
        Assert.Equal(ChainViewOpenResult.Loaded, reopened.OpenResult);
        Assert.Equal(149_999, reopened.Tip);
        Assert.Equal(123_456, reopened.NodeByHeight(123_456));
    }

    [Fact]
    public void A_corrupted_hash_falls_back_to_rebuilding_from_the_fallback_tip()
    {
        var index = TestChains.Mainnet();
        CreateFile(index, 3000);
        Patch(MappedHeaderSize + 1234 * Hash256.Size + 5, b => (byte)(b ^ 0x01));
        AssertRebuilt(index, ChainViewFileError.UnknownHash);
    }

    [Fact]
    public void Swapped_heights_fall_back_with_HeightMismatch()
    {
        var index = TestChains.Mainnet();
        CreateFile(index, 3000);
        var bytes = File.ReadAllBytes(FilePath);
        var at10 = bytes.AsSpan(MappedHeaderSize + 10 * Hash256.Size, Hash256.Size).ToArray();
        bytes.AsSpan(MappedHeaderSize + 11 * Hash256.Size, Hash256.Size).CopyTo(bytes.AsSpan(MappedHeaderSize + 10 * Hash256.Size));
        at10.CopyTo(bytes.AsSpan(MappedHeaderSize + 11 * Hash256.Size));
        File.WriteAllBytes(FilePath, bytes);
        AssertRebuilt(index, ChainViewFileError.HeightMismatch);
    }

    [Fact]
    public void A_hash_from_a_sibling_branch_falls_back_with_ParentMismatch()
    {
        var (index, main, side16, side17) = TestChains.SeedTree();
        using (ChainView.Open(_dir.Path, index, main[18])) { }
        // Height 17 now names 17a, whose parent 16a is not the stored 16.
        var bytes = File.ReadAllBytes(FilePath);
        index[side17].Hash.WriteTo(bytes.AsSpan(MappedHeaderSize + 17 * Hash256.Size));
        File.WriteAllBytes(FilePath, bytes);

        using var view = ChainView.Open(_dir.Path, index, side17);
        Assert.Equal(ChainViewOpenResult.Rebuilt, view.OpenResult);
        Assert.Equal(ChainViewFileError.ParentMismatch, view.RebuildReason);
        Assert.Equal(side17, view.Tip);
        Assert.Equal(side16, view.NodeByHeight(16));
    }

    [Fact]
    public void A_bad_magic_falls_back_with_BadMagic()
    {
        var index = TestChains.Mainnet();
        CreateFile(index, 100);
        Patch(0, b => (byte)~b);
        AssertRebuilt(index, ChainViewFileError.BadMagic);
    }

    [Fact]
    public void An_unknown_version_falls_back_with_UnsupportedVersion()
    {
        var index = TestChains.Mainnet();
        CreateFile(index, 100);
        Patch(4, _ => 9);
        AssertRebuilt(index, ChainViewFileError.UnsupportedVersion);
    }

    [Fact]
    public void A_count_beyond_the_file_falls_back_with_Truncated()
    {
        var index = TestChains.Mainnet();
        CreateFile(index, 100);
        var bytes = File.ReadAllBytes(FilePath);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), ulong.MaxValue / 2);
        File.WriteAllBytes(FilePath, bytes);
        AssertRebuilt(index, ChainViewFileError.Truncated);
    }

    [Fact]
    public void A_file_shorter_than_its_header_falls_back_with_TooShort()
    {
        var index = TestChains.Mainnet();
        File.WriteAllBytes(FilePath, [1, 2, 3]);
        AssertRebuilt(index, ChainViewFileError.TooShort);
    }

    [Fact]
    public void A_file_whose_tip_the_index_lacks_falls_back()
    {
        var full = TestChains.Mainnet();
        CreateFile(full, 10_000);
        var shorter = new BlockIndex();
        for (int h = 0; h < 9_000; h++) shorter.Add(full.GetHeader(h), full[h].Hash);
        using var view = ChainView.Open(_dir.Path, shorter, shorter.BestHeader);
        Assert.Equal(ChainViewOpenResult.Rebuilt, view.OpenResult);
        Assert.Equal(ChainViewFileError.UnknownHash, view.RebuildReason);
        Assert.Equal(8_999, view.Height);
    }

    private const int MappedHeaderSize = 16;

    private void CreateFile(BlockIndex index, int tip)
    {
        using var view = ChainView.Open(_dir.Path, index, tip);
        Assert.Equal(tip, view.Tip);
    }

    private void Patch(int offset, Func<byte, byte> change)
    {
        var bytes = File.ReadAllBytes(FilePath);
        bytes[offset] = change(bytes[offset]);
        File.WriteAllBytes(FilePath, bytes);
    }

    private void AssertRebuilt(BlockIndex index, ChainViewFileError reason)
    {
        using var view = ChainView.Open(_dir.Path, index, index.BestHeader);
        Assert.Equal(ChainViewOpenResult.Rebuilt, view.OpenResult);
        Assert.Equal(reason, view.RebuildReason);
        Assert.Equal(index.BestHeader, view.Tip);
        for (int h = 0; h <= view.Height; h += 97) Assert.Equal(TestChains.MainnetHash(h), index[view.NodeByHeight(h)].Hash);

        // The rebuilt file is consistent again.
        view.Dispose();
        using var again = ChainView.Open(_dir.Path, index, BlockIndex.None);
        Assert.Equal(ChainViewOpenResult.Loaded, again.OpenResult);
        Assert.Equal(index.BestHeader, again.Tip);
    }
}
