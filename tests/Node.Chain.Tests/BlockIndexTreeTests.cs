using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.Tests;

public class BlockIndexTreeTests
{
    [Fact]
    public void Adding_a_known_header_returns_its_existing_id()
    {
        var (index, main, _, _) = TestChains.SeedTree();
        int before = index.Count;
        Assert.Equal(main[5], index.Add(index.GetHeader(main[5]), index[main[5]].Hash));
        Assert.Equal(before, index.Count);
    }

    [Fact]
    public void An_orphan_header_is_rejected_with_UnknownParent()
    {
        var (index, _, _, _) = TestChains.SeedTree();
        var (orphan, hash) = TestChains.Mine(SyntheticChain.Hash(1), 1_300_000_000);
        var ex = Assert.Throws<BlockIndexException>(() => index.Add(orphan, hash));
        Assert.Equal(BlockIndexError.UnknownParent, ex.Reason);
        Assert.False(index.Contains(hash));
    }

    [Fact]
    public void The_first_header_must_be_a_genesis_header()
    {
        var index = new BlockIndex();
        var (header, hash) = TestChains.Mine(SyntheticChain.Hash(1), 1_300_000_000);
        var ex = Assert.Throws<BlockIndexException>(() => index.Add(header, hash));
        Assert.Equal(BlockIndexError.FirstHeaderNotGenesis, ex.Reason);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void GetAncestor_on_a_side_branch_follows_that_branch()
    {
        var (index, main, side16, side17) = TestChains.SeedTree();
        Assert.Equal(side16, index.GetAncestor(side17, 16));
        Assert.Equal(main[15], index.GetAncestor(side17, 15));
        Assert.Equal(main[0], index.GetAncestor(side17, 0));
        Assert.Equal(main[15], index.LastCommonAncestor(side17, main[18]));
        Assert.Equal(main[10], index.LastCommonAncestor(main[10], side17));
    }

    [Fact]
    public void GetAncestor_on_a_long_branchy_tree_agrees_with_walking_parents()
    {
        var index = new BlockIndex();
        SyntheticChain.AddTo(index, 3000);
        // A second branch leaving the first at height 1234, built without proof of work.
        var prev = index[1234].Hash;
        for (int i = 0; i < 1500; i++)
        {
            var hash = SyntheticChain.Hash(1_000_000UL + (ulong)i);
            index.Add(new BlockHeader(1, prev, hash, 0, 0x1d00ffff, 0), hash);
            prev = hash;
        }
        var rng = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            int id = rng.Next(index.Count);
            int height = rng.Next(index[id].Height + 1);
            int walk = id;
            while (index[walk].Height > height) walk = index.Parent(walk);
            Assert.Equal(walk, index.GetAncestor(id, height));
        }
    }

    [Fact]
    public void Chainwork_accumulates_and_the_best_header_is_the_most_work_first_seen()
    {
        var (index, main, side16, side17) = TestChains.SeedTree();
        var work = UInt256.Work(TestChains.RegtestBits);
        Assert.Equal(work * 19, index[main[18]].ChainWork);
        Assert.Equal(work * 18, index[side17].ChainWork);
        Assert.Equal(main[18], index.BestHeader);

        // 18a ties with 18: the first seen stays best; 19a then has more work.
        int side18 = TestChains.MineOn(index, side17, salt: 1);
        Assert.Equal(main[18], index.BestHeader);
        int side19 = TestChains.MineOn(index, side18, salt: 1);
        Assert.Equal(side19, index.BestHeader);
        Assert.Equal(side16, index.GetAncestor(side19, 16));
    }

    [Fact]
    public void MarkFailed_marks_every_descendant_and_moves_the_best_header_off_the_failed_branch()
    {
        var (index, main, side16, side17) = TestChains.SeedTree();
        int marked = index.MarkFailed(main[16]);

        Assert.Equal(2, marked);
        Assert.Equal(BlockStatus.Failed, index[main[16]].Status & BlockStatus.FailureMask);
        Assert.Equal(BlockStatus.FailedParent, index[main[17]].Status & BlockStatus.FailureMask);
        Assert.True(index.IsFailedOrDescendsFromFailed(main[18]));
        Assert.False(index.IsFailedOrDescendsFromFailed(main[15]));
        Assert.False(index.IsFailedOrDescendsFromFailed(side16));
        Assert.Equal(side17, index.BestHeader);

        // A header arriving later under the failed branch is failed from the start and never best.
        int main19 = TestChains.MineOn(index, main[18]);
        int main20 = TestChains.MineOn(index, main19);
        Assert.True(index.IsFailedOrDescendsFromFailed(main20));
        Assert.Equal(side17, index.BestHeader);
    }

    [Fact]
    public void Status_flags_and_data_location_are_recorded()
    {
        var (index, main, _, _) = TestChains.SeedTree();
        Assert.Equal(BlockLocation.None, index[main[3]].Location);
        index.SetStatus(main[3], BlockStatus.HeaderValid);
        index.SetDataLocation(main[3], new StoredBlock(new BlockLocation(2, 1_000, 285), 0x1234));
        index.SetStatus(main[3], BlockStatus.FullyValidated);
        ref readonly var e = ref index[main[3]];
        Assert.Equal(BlockStatus.HeaderValid | BlockStatus.DataStored | BlockStatus.FullyValidated, e.Status);
        Assert.Equal((new BlockLocation(2, 1_000, 285), 0x1234ul), (e.Location, e.Checksum));
        Assert.Throws<ArgumentException>(() => index.SetStatus(main[3], BlockStatus.Failed));
        Assert.Throws<ArgumentOutOfRangeException>(() => index[index.Count]);
    }
}
