using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Primitives;
using Node.Tests;

namespace Node.Chain.Tests;

public class BlockIndexMainnetTests
{
    private static readonly Lazy<BlockIndex> Index = new(TestChains.Mainnet);

    [Fact]
    public void Real_headers_link_into_one_chain_with_heights_in_file_order()
    {
        var index = Index.Value;
        Assert.Equal(10237, index.Count);
        Assert.Equal(Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"), index[0].Hash);
        for (int h = 0; h < index.Count; h++)
        {
            Assert.True(index.TryGet(TestChains.MainnetHash(h), out int id));
            Assert.Equal(h, id);
            Assert.Equal(h, index[id].Height);
            Assert.Equal(h == 0 ? BlockIndex.None : h - 1, index.Parent(id));
        }
        Assert.Equal(10236, index.BestHeader);
    }

    [Fact]
    public void Stored_entries_reproduce_the_exact_80_byte_headers()
    {
        var index = Index.Value;
        Span<byte> raw = stackalloc byte[BlockHeader.Size];
        for (int h = 0; h < index.Count; h += 7)
        {
            index.GetHeader(h).Write(raw);
            Assert.True(raw.SequenceEqual(TestChains.MainnetRecord(h)), $"header {h}");
        }
    }

    [Fact]
    public void Chainwork_matches_the_published_mainnet_chainwork_at_every_retarget_boundary_in_range()
    {
        var index = Index.Value;
        int checkedRows = 0;
        foreach (var line in File.ReadLines(TestData.PathOf("headers/mainnet-retarget-chainwork.txt")))
        {
            if (line.StartsWith('#')) continue;
            var parts = line.Split(' ');
            int height = int.Parse(parts[0]);
            if (height >= index.Count) break;
            Assert.Equal(UInt256.Parse(parts[1]), index[height].ChainWork);
            checkedRows++;
        }
        Assert.Equal(11, checkedRows); // 0, then 2015/2016 .. 10079/10080
    }

    [Fact]
    public void Lookup_of_an_unknown_hash_fails()
    {
        Assert.False(Index.Value.TryGet(SyntheticChain.Hash(42), out int id));
        Assert.Equal(BlockIndex.None, id);
    }

    [Fact]
    public void GetAncestor_agrees_with_walking_parents()
    {
        var index = Index.Value;
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            int id = rng.Next(index.Count);
            int height = rng.Next(id + 1);
            Assert.Equal(height, index.GetAncestor(id, height)); // id == height on a straight chain
        }
        Assert.Equal(BlockIndex.None, index.GetAncestor(100, 101));
        Assert.Equal(BlockIndex.None, index.GetAncestor(100, -1));
    }
}
