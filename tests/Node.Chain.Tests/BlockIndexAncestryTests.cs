using Node.Chain.Index;
using Node.Chain.Tests.Validation;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests;

public class BlockIndexAncestryTests
{
    private static readonly HeaderValidator Validator = new(ChainParams.Main);

    [Fact]
    public void Real_mainnet_headers_validate_against_the_index_as_they_are_added()
    {
        var index = new BlockIndex();
        var oracle = new ArrayHeaderAncestry(0);
        var genesis = BlockHeader.Read(TestChains.MainnetRecord(0));
        index.Add(genesis, TestChains.MainnetHash(0));
        oracle.Append(genesis, TestChains.MainnetHash(0));
        long now = BlockHeader.Read(TestChains.MainnetRecord(TestChains.MainnetCount - 1)).Time;

        for (int h = 1; h < TestChains.MainnetCount; h++)
        {
            var parent = index.AncestryOf(h - 1);
            Assert.Equal(oracle.MedianTimePast(), parent.MedianTimePast());
            int lastCheckpoint = HeaderData.LastCheckpointAtOrBelow(ChainParams.Main, h - 1);
            var result = Validator.Validate(TestChains.MainnetRecord(h), parent, now, lastCheckpoint, out var header, out var hash);
            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(h, index.Add(header, hash));
            oracle.Append(header, hash);
        }
        Assert.Equal(10236, index[index.BestHeader].Height);
    }

    [Fact]
    public void Testnet3_headers_and_a_fork_off_genesis_validate_in_one_index_under_the_min_difficulty_rule()
    {
        var (main, fork) = HeaderData.Testnet3();
        var noCheckpoints = ChainParams.Testnet3 with { Checkpoints = [] };
        var validator = new HeaderValidator(noCheckpoints);
        long now = BlockHeader.Read(fork[^1]).Time; // the fork was mined in 2019, long after 546
        var index = new BlockIndex();
        int genesis = index.Add(noCheckpoints.GenesisHeader, noCheckpoints.GenesisHash);

        int tip = genesis;
        foreach (var raw in main)
            tip = AddValidated(validator, index, tip, raw, now);
        int forkTip = genesis;
        foreach (var raw in fork)
            forkTip = AddValidated(validator, index, forkTip, raw, now);

        Assert.Equal(546, index[tip].Height);
        Assert.Equal(ChainParams.Testnet3.Checkpoints[0].Hash, index[tip].Hash);
        Assert.Equal(Hash256.Parse("00000000b0494bd6c3d5ff79c497cfce40831871cbf39b1bc28bd1dac817dc39"), index[forkTip].Hash);
        Assert.Equal(genesis, index.LastCommonAncestor(tip, forkTip));
        Assert.Equal(tip, index.BestHeader);
    }

    [Fact]
    public void Median_time_past_along_a_side_branch_decides_time_too_old()
    {
        var validator = new HeaderValidator(ChainParams.Regtest);
        var (index, _, _, side17) = TestChains.SeedTree();
        var parent = index.AncestryOf(side17);
        uint mtp = parent.MedianTimePast();
        long now = index[side17].Time + 600;

        var (atMtp, atMtpHash) = TestChains.Mine(index[side17].Hash, mtp, salt: 2);
        Assert.Equal(RuleError.TimeTooOld, validator.Validate(atMtp, atMtpHash, parent, now, -1).Error);

        var (after, afterHash) = TestChains.Mine(index[side17].Hash, mtp + 1, salt: 2);
        Assert.True(validator.Validate(after, afterHash, parent, now, -1).IsValid);
    }

    private static int AddValidated(HeaderValidator validator, BlockIndex index, int parent, byte[] raw, long now)
    {
        var result = validator.Validate(raw, index.AncestryOf(parent), now, -1, out var header, out var hash);
        Assert.True(result.IsValid, result.ToString());
        return index.Add(header, hash);
    }

    [Fact]
    public void The_ancestry_of_a_side_branch_answers_along_that_branch()
    {
        var (index, main, side16, side17) = TestChains.SeedTree();
        var ancestry = index.AncestryOf(side17);
        Assert.Equal(17, ancestry.Height);
        Assert.Equal(0, ancestry.LowestHeight);
        Assert.Equal(index[side17].Hash, ancestry.TipHash);
        Assert.Equal(index[side16].Time, ancestry.TimeAt(16));
        Assert.Equal(index[main[15]].Time, ancestry.TimeAt(15));
        Assert.Equal(TestChains.RegtestBits, ancestry.BitsAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ancestry.TimeAt(18));

        uint[] last11 = [.. new[] { side17, side16 }.Concat(Enumerable.Range(6, 10).Reverse().Select(h => main[h])).Take(11).Select(id => index[id].Time)];
        Assert.Equal(MedianTime.Of(last11), ancestry.MedianTimePast());
        Assert.Equal(index[main[0]].Time, index.AncestryOf(main[0]).MedianTimePast());
    }
}
