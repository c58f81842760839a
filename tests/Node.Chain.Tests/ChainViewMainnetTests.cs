using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Chain.Tests;

public sealed class ChainViewMainnetTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly BlockIndex _index = TestChains.Mainnet();
    private readonly ChainView _view;

    public ChainViewMainnetTests() => _view = ChainView.Open(_dir.Path, _index, _index.BestHeader);

    public void Dispose()
    {
        _view.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void NodeByHeight_follows_the_file_order()
    {
        Assert.Equal(ChainViewOpenResult.Created, _view.OpenResult);
        Assert.Equal(10236, _view.Height);
        Assert.Equal(0, _view.Genesis);
        Assert.Equal(_index.BestHeader, _view.Tip);
        for (int h = 0; h <= _view.Height; h++)
        {
            int id = _view.NodeByHeight(h);
            Assert.Equal(TestChains.MainnetHash(h), _index[id].Hash);
            Assert.True(_view.Contains(id));
            Assert.Equal(h < _view.Height ? _view.NodeByHeight(h + 1) : BlockIndex.None, _view.Next(id));
        }
        Assert.Equal(BlockIndex.None, _view.NodeByHeight(10237));
        Assert.Equal(BlockIndex.None, _view.NodeByHeight(-1));
        Assert.False(_view.Contains(BlockIndex.None));
    }

    [Theory]
    [InlineData(10236)]
    [InlineData(5000)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(1)]
    [InlineData(0)]
    public void Locator_of_a_real_block_matches_NBitcoin(int height)
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _view.GetLocator(_view.NodeByHeight(height), locator);

        var expected = NBitcoinChainTo(height).GetLocator().Blocks;
        Assert.Equal(expected.Count, n);
        for (int i = 0; i < n; i++)
            Assert.Equal(expected[i].ToString(), locator[i].ToString());
    }

    [Fact]
    public void Locator_of_the_tip_has_twelve_dense_entries_then_doubling_steps_then_genesis()
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _view.GetLocator(locator);
        var heights = new List<int>();
        for (int h = 10236, step = 1; ; )
        {
            heights.Add(h);
            if (h == 0) break;
            h = Math.Max(h - step, 0);
            if (heights.Count > 10) step *= 2;
        }
        Assert.Equal(new[] { 10236, 10235, 10234, 10233, 10232, 10231, 10230, 10229, 10228, 10227, 10226, 10225, 10223, 10219 },
            heights.Take(14));
        Assert.Equal(heights.Count, n);
        for (int i = 0; i < n; i++)
            Assert.Equal(TestChains.MainnetHash(heights[i]), locator[i]);
    }

    [Fact]
    public void LocateHeaders_returns_the_chain_after_the_fork_capped_at_max()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        int n = _view.LocateHeaders(LocatorAt(5000), Hash256.Zero, ids);
        Assert.Equal(2000, n);
        AssertHeights(ids.AsSpan(0, n), 5001);

        n = _view.LocateHeaders(LocatorAt(9000), Hash256.Zero, ids);
        Assert.Equal(1236, n);
        AssertHeights(ids.AsSpan(0, n), 9001);

        n = _view.LocateHeaders(LocatorAt(5000), Hash256.Zero, ids, max: 10);
        AssertHeights(ids.AsSpan(0, n), 5001);
        Assert.Equal(10, n);
    }

    [Fact]
    public void LocateHeaders_stops_at_and_includes_the_stop_hash()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        int n = _view.LocateHeaders(LocatorAt(5000), TestChains.MainnetHash(5100), ids);
        Assert.Equal(100, n);
        AssertHeights(ids.AsSpan(0, n), 5001);
        Assert.Equal(TestChains.MainnetHash(5100), _index[ids[n - 1]].Hash);

        // A stop hash below the start, or unknown, does not stop anything.
        Assert.Equal(2000, _view.LocateHeaders(LocatorAt(5000), TestChains.MainnetHash(10), ids));
        Assert.Equal(2000, _view.LocateHeaders(LocatorAt(5000), SyntheticChain.Hash(9), ids));
    }

    [Fact]
    public void LocateHeaders_with_an_unknown_locator_starts_after_genesis()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        Hash256[] unknown = [SyntheticChain.Hash(1), SyntheticChain.Hash(2)];
        int n = _view.LocateHeaders(unknown, Hash256.Zero, ids);
        Assert.Equal(2000, n);
        AssertHeights(ids.AsSpan(0, n), 1);
    }

    [Fact]
    public void LocateHeaders_uses_the_first_known_locator_hash_on_the_chain()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        Hash256[] locator = [SyntheticChain.Hash(1), TestChains.MainnetHash(7000), TestChains.MainnetHash(100)];
        int n = _view.LocateHeaders(locator, Hash256.Zero, ids);
        AssertHeights(ids.AsSpan(0, n), 7001);
    }

    [Fact]
    public void LocateHeaders_with_an_empty_locator_returns_just_the_stop_header_if_known()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        Assert.Equal(1, _view.LocateHeaders([], TestChains.MainnetHash(777), ids));
        Assert.Equal(777, _index[ids[0]].Height);
        Assert.Equal(0, _view.LocateHeaders([], SyntheticChain.Hash(5), ids));
    }

    [Fact]
    public void LocateHeaders_from_the_tip_returns_nothing()
    {
        var ids = new int[ChainView.MaxHeadersResults];
        Assert.Equal(0, _view.LocateHeaders(LocatorAt(10236), Hash256.Zero, ids));
    }

    [Fact]
    public void LocateBlocks_caps_at_500_and_stops_before_the_stop_hash_like_Core()
    {
        var ids = new int[ChainView.MaxBlocksResults];
        int n = _view.LocateBlocks(LocatorAt(3000), Hash256.Zero, ids);
        Assert.Equal(500, n);
        AssertHeights(ids.AsSpan(0, n), 3001);

        n = _view.LocateBlocks(LocatorAt(3000), TestChains.MainnetHash(3100), ids);
        Assert.Equal(99, n);
        AssertHeights(ids.AsSpan(0, n), 3001);

        // No locator: Core's FindForkInGlobalIndex falls back to genesis, so blocks 1..500 follow.
        n = _view.LocateBlocks([], TestChains.MainnetHash(3100), ids);
        Assert.Equal(500, n);
        AssertHeights(ids.AsSpan(0, n), 1);
    }

    [Fact]
    public void Span_shorter_than_max_bounds_the_answer()
    {
        Span<int> ids = stackalloc int[3];
        Assert.Equal(3, _view.LocateHeaders(LocatorAt(10), Hash256.Zero, ids));
        Assert.Equal(3, _view.LocateBlocks(LocatorAt(10), Hash256.Zero, ids));
    }

    private Hash256[] LocatorAt(int height)
    {
        var locator = new Hash256[ChainView.MaxLocatorSize];
        int n = _view.GetLocator(_view.NodeByHeight(height), locator);
        return locator[..n];
    }

    private void AssertHeights(ReadOnlySpan<int> ids, int firstHeight)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(firstHeight + i, _index[ids[i]].Height);
            Assert.Equal(TestChains.MainnetHash(firstHeight + i), _index[ids[i]].Hash);
        }
    }

    private static NBitcoin.ChainedBlock NBitcoinChainTo(int height)
    {
        NBitcoin.ChainedBlock? tip = null;
        for (int h = 0; h <= height; h++)
        {
            var header = NBitcoin.BlockHeader.Parse(Convert.ToHexString(TestChains.MainnetRecord(h)), NBitcoin.Network.Main);
            tip = new NBitcoin.ChainedBlock(header, header.GetHash(), tip);
        }
        return tip!;
    }
}
