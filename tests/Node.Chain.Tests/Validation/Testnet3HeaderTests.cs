using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

/// <summary>
/// Testnet3 headers 1..546 (the first checkpoint) and two fork headers mined on genesis in 2019,
/// from Core's p2p_dos_header_tree functional test: with the checkpoint held they are a fork below
/// it; without checkpoints they are a valid two-block branch.
/// </summary>
public class Testnet3HeaderTests
{
    private static ArrayHeaderAncestry ValidateMainRun(HeaderValidator validator, List<byte[]> raws, long now)
    {
        var chain = ArrayHeaderAncestry.FromGenesis(validator.Params);
        foreach (var raw in raws)
        {
            int lastCheckpoint = HeaderData.LastCheckpointAtOrBelow(validator.Params, chain.Height);
            var result = validator.Validate(raw, chain, now, lastCheckpoint, out var header, out var hash);
            Assert.True(result.IsValid, result.ToString());
            chain.Append(header, hash);
        }
        return chain;
    }

    [Fact]
    public void Headers_1_to_546_validate_under_the_min_difficulty_rule_and_reach_the_checkpoint()
    {
        var (main, _) = HeaderData.Testnet3();
        Assert.Equal(546, main.Count);
        long now = BlockHeader.Read(main[^1]).Time;
        var chain = ValidateMainRun(new HeaderValidator(ChainParams.Testnet3), main, now);

        Assert.Equal(546, chain.Height);
        Assert.Equal(ChainParams.Testnet3.Checkpoints[0], new Checkpoint(546, chain.TipHash));

        // The 20-minute rule was live: many blocks came more than 20 minutes after their parent.
        int slow = 0;
        for (int h = 1; h <= chain.Height; h++)
            if (chain.TimeAt(h) > chain.TimeAt(h - 1) + 20 * 60) slow++;
        Assert.True(slow > 0);
    }

    [Fact]
    public void A_fork_below_the_held_checkpoint_is_rejected()
    {
        var (_, fork) = HeaderData.Testnet3();
        Assert.Equal(2, fork.Count);
        var validator = new HeaderValidator(ChainParams.Testnet3);
        var onGenesis = ArrayHeaderAncestry.FromGenesis(ChainParams.Testnet3);
        long now = BlockHeader.Read(fork[^1]).Time;

        var result = validator.Validate(fork[0], onGenesis, now, lastCheckpointHeight: 546, out _, out _);

        Assert.Equal(RuleError.ForkBelowCheckpoint, result.Error);
        Assert.Equal(1, result.Height);
        Assert.Equal("bad-fork-prior-to-checkpoint", result.CoreReason);
    }

    [Fact]
    public void Without_checkpoints_the_fork_is_a_valid_two_header_branch()
    {
        var (_, fork) = HeaderData.Testnet3();
        var noCheckpoints = ChainParams.Testnet3 with { Checkpoints = [] };
        var validator = new HeaderValidator(noCheckpoints);
        long now = BlockHeader.Read(fork[^1]).Time;
        var branch = ArrayHeaderAncestry.FromGenesis(noCheckpoints);
        foreach (var raw in fork)
        {
            var result = validator.Validate(raw, branch, now, lastCheckpointHeight: -1, out var header, out var hash);
            Assert.True(result.IsValid, result.ToString());
            branch.Append(header, hash);
        }
        // The tip Core's functional test expects in getchaintips after feeding the fork.
        Assert.Equal(Hash256.Parse("00000000b0494bd6c3d5ff79c497cfce40831871cbf39b1bc28bd1dac817dc39"), branch.TipHash);
    }
}
