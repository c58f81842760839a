using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.Tests;

/// <summary>
/// The walk back over min-difficulty blocks (testnets, regtest) remembers where the last walk started: the answers
/// must equal a plain walk whatever order, branch or rule parameters the questions come in.
/// </summary>
public class MinDifficultyWalkTests
{
    private const uint Limit = 0x1d00ffff;
    private const int Interval = 16;

    /// <summary>Every 7th entry carries a real difficulty, the rest the pow limit; a side branch forks at 40.</summary>
    private static (BlockIndex Index, List<int> Main, List<int> Side) Tree()
    {
        var index = new BlockIndex();
        var main = new List<int>();
        var side = new List<int>();
        var prev = Hash256.Zero;
        for (int h = 0; h < 100; h++)
        {
            uint bits = h % 7 == 3 ? 0x1c00ffffu - (uint)h : Limit;
            var header = new BlockHeader(1, prev, Merkle(h, 0), 1_300_000_000u + (uint)h, bits, 0);
            prev = header.GetHash();
            main.Add(index.Add(header, prev));
        }
        prev = index[main[40]].Hash;
        for (int h = 41; h < 70; h++)
        {
            uint bits = h % 5 == 0 ? 0x1b00ffffu : Limit;
            var header = new BlockHeader(1, prev, Merkle(h, 1), 1_300_000_000u + (uint)h, bits, 0);
            prev = header.GetHash();
            side.Add(index.Add(header, prev));
        }
        return (index, main, side);
    }

    private static Hash256 Merkle(int height, byte branch)
    {
        var bytes = new byte[32];
        BitConverter.TryWriteBytes(bytes, height);
        bytes[31] = branch;
        return new Hash256(bytes);
    }

    private static uint PlainWalk(BlockIndex index, int id, int interval, uint limit)
    {
        while (index[id].Height != 0 && index[id].Height % interval != 0 && index[id].Bits == limit) id = index.Parent(id);
        return index[id].Bits;
    }

    private static void AssertWalk(BlockIndex index, int id, int interval = Interval, uint limit = Limit) =>
        Assert.Equal(PlainWalk(index, id, interval, limit), index.AncestryOf(id).LastNonMinDifficultyBits(index[id].Height, interval, limit));

    [Fact]
    public void Consecutive_entries_on_one_branch_answer_as_a_plain_walk()
    {
        var (index, main, side) = Tree();
        foreach (int id in main) AssertWalk(index, id);
        foreach (int id in side) AssertWalk(index, id);
    }

    [Fact]
    public void Questions_in_reverse_and_random_order_across_branches_answer_as_a_plain_walk()
    {
        var (index, main, side) = Tree();
        for (int i = main.Count - 1; i >= 0; i--) AssertWalk(index, main[i]);
        var random = new Random(7);
        var all = main.Concat(side).ToArray();
        for (int n = 0; n < 2_000; n++) AssertWalk(index, all[random.Next(all.Length)]);
    }

    [Fact]
    public void Another_interval_or_pow_limit_is_not_answered_from_the_remembered_walk()
    {
        var (index, main, side) = Tree();
        AssertWalk(index, main[60]);
        AssertWalk(index, main[61], interval: 2016);
        AssertWalk(index, main[62], interval: 2016);
        AssertWalk(index, main[63], limit: 0x1c00ffffu - 59);
        AssertWalk(index, side[^1], interval: 2016);
        AssertWalk(index, main[64]);
    }

    [Fact]
    public void The_ancestor_asked_for_below_the_tip_starts_the_walk()
    {
        var (index, main, _) = Tree();
        for (int h = 95; h >= 1; h -= 3)
            Assert.Equal(PlainWalk(index, main[h], Interval, Limit), index.AncestryOf(main[99]).LastNonMinDifficultyBits(h, Interval, Limit));
    }
}
