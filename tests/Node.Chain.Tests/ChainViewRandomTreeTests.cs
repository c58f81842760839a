using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Chain.Tests;

/// <summary>Random trees and random tip switches, checked against naive parent walks.</summary>
public sealed class ChainViewRandomTreeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void View_fork_locator_and_locate_agree_with_parent_walks(int seed)
    {
        var rng = new Random(seed);
        var index = RandomTree(rng, 4000);
        using var view = ChainView.Open(_dir.Path, index, BlockIndex.None);
        var hashes = new Hash256[ChainView.MaxLocatorSize];
        var ids = new int[ChainView.MaxHeadersResults];

        for (int round = 0; round < 60; round++)
        {
            int tip = rng.Next(index.Count);
            int oldTip = view.Tip;
            long written = view.HashesWritten;
            int fork = view.SetTip(tip);

            var chain = PathToGenesis(index, tip);
            int expectedFork = oldTip == BlockIndex.None ? -1 : index[index.LastCommonAncestor(oldTip, tip)].Height;
            Assert.Equal(expectedFork, fork);
            Assert.Equal(index[tip].Height - expectedFork, view.HashesWritten - written);
            Assert.Equal(chain.Count - 1, view.Height);
            for (int h = 0; h < chain.Count; h++) Assert.Equal(chain[h], view.NodeByHeight(h));

            int other = rng.Next(index.Count);
            int naiveFork = index.LastCommonAncestor(other, tip);
            Assert.Equal(naiveFork, view.FindFork(other));

            int n = view.GetLocator(other, hashes);
            Assert.Equal(NaiveLocator(index, other), hashes[..n]);

            // A peer at `other` asks us for headers: we answer from the fork on our chain.
            int count = view.LocateHeaders(hashes.AsSpan(0, n), Hash256.Zero, ids, max: 50);
            int forkHeight = index[FirstOnChain(view, index, hashes.AsSpan(0, n))].Height;
            int expectedCount = Math.Min(50, view.Height - forkHeight);
            Assert.Equal(expectedCount, count);
            for (int i = 0; i < count; i++) Assert.Equal(chain[forkHeight + 1 + i], ids[i]);
        }
    }

    private static BlockIndex RandomTree(Random rng, int count)
    {
        var index = new BlockIndex();
        var genesis = SyntheticChain.Hash(0);
        index.Add(SyntheticChain.Header(0, Hash256.Zero), genesis);
        for (int n = 1; n < count; n++)
        {
            // Mostly extend a recent entry, sometimes branch from further back.
            int parent = rng.Next(4) == 0 ? rng.Next(index.Count) : Math.Max(0, index.Count - 1 - rng.Next(8));
            index.Add(SyntheticChain.Header(n, index[parent].Hash), SyntheticChain.Hash((ulong)n));
        }
        return index;
    }

    private static List<int> PathToGenesis(BlockIndex index, int id)
    {
        var path = new List<int>();
        for (; id != BlockIndex.None; id = index.Parent(id)) path.Add(id);
        path.Reverse();
        return path;
    }

    private static Hash256[] NaiveLocator(BlockIndex index, int id)
    {
        var path = PathToGenesis(index, id);
        var result = new List<Hash256>();
        int step = 1;
        for (int h = path.Count - 1; ; )
        {
            result.Add(index[path[h]].Hash);
            if (h == 0) break;
            h = Math.Max(h - step, 0);
            if (result.Count > 10) step *= 2;
        }
        return [.. result];
    }

    private static int FirstOnChain(ChainView view, BlockIndex index, ReadOnlySpan<Hash256> locator)
    {
        foreach (var hash in locator)
        {
            if (!index.TryGet(hash, out int id)) continue;
            if (view.Contains(id)) return id;
            // Core: a locator entry descending from our tip means the peer has all we have.
            if (index.LastCommonAncestor(id, view.Tip) == view.Tip) return view.Tip;
        }
        return view.Genesis;
    }
}
