using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Chain.Tests;

public sealed class ChainViewEdgeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_empty_view_answers_nothing()
    {
        var (index, main, _, side17) = TestChains.SeedTree();
        using var view = ChainView.Open(_dir.Path, index, BlockIndex.None);
        Assert.Equal(ChainViewOpenResult.Created, view.OpenResult);
        Assert.Equal(-1, view.Height);
        Assert.Equal(BlockIndex.None, view.Tip);
        Assert.Equal(BlockIndex.None, view.Genesis);
        Assert.Equal(BlockIndex.None, view.NodeByHeight(0));
        Assert.False(view.Contains(main[0]));
        Assert.Equal(BlockIndex.None, view.FindFork(side17));
        Hash256[] locator = [index[main[3]].Hash];
        Assert.Equal(0, view.LocateHeaders(locator, Hash256.Zero, new int[10]));
        Assert.Equal(0, view.LocateBlocks([], Hash256.Zero, new int[10]));
        Assert.Equal(0, view.GetLocator(new Hash256[ChainView.MaxLocatorSize]));

        // Off-chain entries still get their locator by ancestry.
        var hashes = new Hash256[ChainView.MaxLocatorSize];
        Assert.Equal(14, view.GetLocator(side17, hashes));
    }

    [Fact]
    public void A_locator_span_that_is_too_short_is_a_named_argument_error()
    {
        var (index, main, _, _) = TestChains.SeedTree();
        using var view = ChainView.Open(_dir.Path, index, main[18]);
        var ex = Assert.Throws<ArgumentException>(() => view.GetLocator(new Hash256[5]));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void A_second_open_of_the_same_directory_is_refused_while_the_first_is_open()
    {
        var (index, main, _, _) = TestChains.SeedTree();
        using var view = ChainView.Open(_dir.Path, index, main[18]);
        Assert.Throws<IOException>(() => ChainView.Open(_dir.Path, index, main[18]));
    }
}
