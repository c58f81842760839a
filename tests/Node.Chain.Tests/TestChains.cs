using System.Buffers.Binary;
using Node.Chain.Index;
using Node.Primitives;
using Node.Tests;

namespace Node.Chain.Tests;

/// <summary>Builds block indexes from the real mainnet headers, from mined regtest-difficulty headers, and from synthetic ones.</summary>
internal static class TestChains
{
    public const string MainnetHeadersFile = "headers/mainnet-0-10236.hdr";
    public const uint RegtestBits = 0x207fffff;

    private static readonly Lazy<byte[]> MainnetRaw = new(() => TestData.Bytes(MainnetHeadersFile));

    public static int MainnetCount => MainnetRaw.Value.Length / BlockHeader.Size;

    public static ReadOnlySpan<byte> MainnetRecord(int height) =>
        MainnetRaw.Value.AsSpan(height * BlockHeader.Size, BlockHeader.Size);

    public static Hash256 MainnetHash(int height) => BlockHeader.HashOf(MainnetRecord(height));

    /// <summary>An index holding the real headers 0..10236, added in file order (so id == height).</summary>
    public static BlockIndex Mainnet()
    {
        var index = new BlockIndex();
        for (int h = 0; h < MainnetCount; h++)
        {
            var raw = MainnetRecord(h);
            index.Add(BlockHeader.Read(raw), BlockHeader.HashOf(raw));
        }
        return index;
    }

    /// <summary>
    /// Mines a header on <paramref name="prev"/> at regtest difficulty: about every second nonce
    /// gives a hash under the target. <paramref name="salt"/> separates siblings.
    /// </summary>
    public static (BlockHeader Header, Hash256 Hash) Mine(Hash256 prev, uint time, uint salt = 0)
    {
        Span<byte> seed = stackalloc byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(seed, salt);
        BinaryPrimitives.WriteUInt32LittleEndian(seed[4..], time);
        var merkle = new Hash256(seed);
        for (uint nonce = 0; ; nonce++)
        {
            var header = new BlockHeader(4, prev, merkle, time, RegtestBits, nonce);
            var hash = header.GetHash();
            if (UInt256.FromHash(hash) <= UInt256.FromCompact(RegtestBits, out _, out _))
                return (header, hash);
        }
    }

    /// <summary>Mines and adds a header; returns its id.</summary>
    public static int MineOn(BlockIndex index, int parent, uint salt = 0)
    {
        var prev = parent == BlockIndex.None ? Hash256.Zero : index[parent].Hash;
        uint time = parent == BlockIndex.None ? 1_296_688_602u : index[parent].Time + 600;
        var (header, hash) = Mine(prev, time, salt);
        return index.Add(header, hash);
    }

    /// <summary>Mines <paramref name="count"/> headers on <paramref name="parent"/>; returns their ids in order.</summary>
    public static int[] MineBranch(BlockIndex index, int parent, int count, uint salt = 0)
    {
        var ids = new int[count];
        for (int i = 0; i < count; i++) ids[i] = parent = MineOn(index, parent, salt);
        return ids;
    }

    /// <summary>
    /// The seed example: genesis, 1..18 on the main branch, and 16a, 17a on 15.
    /// Returns the main branch ids by height and the side branch ids.
    /// </summary>
    public static (BlockIndex Index, int[] Main, int Side16, int Side17) SeedTree()
    {
        var index = new BlockIndex();
        var main = new int[19];
        main[0] = MineOn(index, BlockIndex.None);
        for (int h = 1; h <= 18; h++) main[h] = MineOn(index, main[h - 1]);
        int side16 = MineOn(index, main[15], salt: 1);
        int side17 = MineOn(index, side16, salt: 1);
        return (index, main, side16, side17);
    }
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chainview-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
