using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Chain.Tests;

public sealed class ChainViewForkTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly BlockIndex _index;
    private readonly int[] _main;
    private readonly int _side16, _side17;
    private readonly ChainView _view;

    public ChainViewForkTests()
    {
        (_index, _main, _side16, _side17) = TestChains.SeedTree();
        _view = ChainView.Open(_dir.Path, _index, _main[18]);
    }

    public void Dispose()
    {
        _view.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Locator_of_17a_on_the_side_chain_is_the_seed_example()
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _view.GetLocator(_side17, locator);

        // [17a 16a 15 14 13 12 11 10 9 8 7 6 4 genesis]
        int[] expected = [_side17, _side16, .. new[] { 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 4, 0 }.Select(h => _main[h])];
        Assert.Equal(expected.Select(id => _index[id].Hash), locator[..n].ToArray());
    }

    [Fact]
    public void FindFork_of_a_side_branch_is_the_branch_point()
    {
        Assert.Equal(_main[15], _view.FindFork(_side17));
        Assert.Equal(_main[15], _view.FindFork(_side16));
        Assert.Equal(_main[12], _view.FindFork(_main[12]));
        int side18 = TestChains.MineOn(_index, _side17, salt: 1);
        int side19 = TestChains.MineOn(_index, side18, salt: 1);
        Assert.Equal(_main[15], _view.FindFork(side19));
    }

    [Fact]
    public void SetTip_to_a_side_branch_rewrites_only_past_the_fork()
    {
        long written = _view.HashesWritten;
        Assert.Equal(19, written);

        Assert.Equal(15, _view.SetTip(_side17));
        Assert.Equal(written + 2, _view.HashesWritten);
        Assert.Equal(17, _view.Height);
        Assert.Equal(_side17, _view.Tip);
        Assert.Equal(_side16, _view.NodeByHeight(16));
        Assert.Equal(BlockIndex.None, _view.NodeByHeight(18));
        Assert.False(_view.Contains(_main[16]));
        Assert.False(_view.Contains(_main[18]));
        Assert.True(_view.Contains(_main[15]));
        Assert.Equal(_side16, _view.Next(_main[15]));
        Assert.Equal(BlockIndex.None, _view.Next(_main[16]));
        for (int h = 0; h <= 15; h++) Assert.Equal(_main[h], _view.NodeByHeight(h));

        // Back to the main branch: again only the three heights past 15.
        Assert.Equal(15, _view.SetTip(_main[18]));
        Assert.Equal(written + 5, _view.HashesWritten);
        Assert.Equal(_main[16], _view.Next(_main[15]));
    }

    [Fact]
    public void SetTip_to_an_ancestor_truncates_without_writing_hashes()
    {
        long written = _view.HashesWritten;
        Assert.Equal(10, _view.SetTip(_main[10]));
        Assert.Equal(written, _view.HashesWritten);
        Assert.Equal(_main[10], _view.Tip);
        Assert.False(_view.Contains(_main[11]));
        Assert.Equal(BlockIndex.None, _view.Next(_main[10]));
    }

    [Fact]
    public void Locator_fork_is_our_tip_when_a_locator_hash_descends_from_it()
    {
        _view.SetTip(_main[16]);
        // The peer is ahead on our chain: its locator starts at 18, which we know but is past our tip.
        Hash256[] locator = [_index[_main[18]].Hash, _index[_main[0]].Hash];
        Assert.Equal(_main[16], _view.FindLocatorFork(locator));
        Assert.Equal(0, _view.LocateHeaders(locator, Hash256.Zero, new int[10]));
    }

    [Fact]
    public void LocateHeaders_for_a_peer_on_the_side_branch_returns_our_branch_after_the_fork()
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _view.GetLocator(_side17, locator);
        var ids = new int[ChainView.MaxHeadersResults];
        int count = _view.LocateHeaders(locator[..n], Hash256.Zero, ids);
        Assert.Equal([_main[16], _main[17], _main[18]], ids[..count]);

        // An empty locator answers with the stop header even off the best chain.
        Assert.Equal(1, _view.LocateHeaders([], _index[_side17].Hash, ids));
        Assert.Equal(_side17, ids[0]);
        // Getblocks never answers with a block off the best chain.
        count = _view.LocateBlocks(locator[..n], _index[_side17].Hash, ids);
        Assert.Equal([_main[16], _main[17], _main[18]], ids[..count]);
    }
}
