using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

/// <summary>
/// The branches of the difficulty rules the real data files cannot reach (testnet3's walk back
/// past min-difficulty blocks to a harder one, testnet4's BIP94, regtest's fixed target). The
/// ancestries here are built from chosen times and bits; no proof of work is involved.
/// </summary>
public class DifficultyRuleTests
{
    private const uint Limit = 0x1d00ffff;
    private const uint Harder = 0x1c0ffff0;

    private static ArrayHeaderAncestry Chain(int baseHeight, params (uint Time, uint Bits)[] blocks)
    {
        var a = new ArrayHeaderAncestry(baseHeight);
        foreach (var (time, bits) in blocks)
            a.Append(new BlockHeader(4, default, default, time, bits, 0), default);
        return a;
    }

    [Fact]
    public void Testnet3_walks_back_over_min_difficulty_blocks_to_the_last_real_difficulty()
    {
        var chain = Chain(4040, (1000, Harder), (1600, Limit), (3000, Limit));
        Assert.Equal(Harder, Difficulty.NextWorkRequired(ChainParams.Testnet3, chain, 3000 + 1200));
        Assert.Equal(Limit, Difficulty.NextWorkRequired(ChainParams.Testnet3, chain, 3000 + 1201));
    }

    [Fact]
    public void Testnet3_walk_back_stops_at_a_period_start()
    {
        // Height 4032 starts a period: its limit bits are returned even though 4031 was harder.
        var chain = Chain(4031, (1000, Harder), (1600, Limit), (2200, Limit));
        Assert.Equal(Limit, Difficulty.NextWorkRequired(ChainParams.Testnet3, chain, 2300));
    }

    [Fact]
    public void Mainnet_never_relaxes_for_a_slow_block()
    {
        var chain = Chain(4040, (1000, Harder), (1600, Harder));
        Assert.Equal(Harder, Difficulty.NextWorkRequired(ChainParams.Main, chain, 1_000_000));
    }

    /// <summary>A full period 2016..4031 with chosen first/last bits and a given duration.</summary>
    private static ArrayHeaderAncestry Period(uint firstBits, uint lastBits, uint duration)
    {
        var a = new ArrayHeaderAncestry(2016, 2016);
        for (int i = 0; i < 2016; i++)
        {
            uint bits = i == 0 ? firstBits : i == 2015 ? lastBits : Limit;
            a.Append(new BlockHeader(4, default, default, 1_000_000 + (uint)((long)duration * i / 2015), bits, 0), default);
        }
        return a;
    }

    [Fact]
    public void Testnet4_retargets_from_the_first_block_of_the_period_testnet3_from_the_last()
    {
        // A last block mined at the min-difficulty exception must not drag the next target to the limit.
        var period = Period(firstBits: Harder, lastBits: Limit, duration: 14 * 24 * 3600);
        Assert.Equal(Harder, Difficulty.NextWorkRequired(ChainParams.Testnet4, period, 3_000_000));
        Assert.Equal(Limit, Difficulty.NextWorkRequired(ChainParams.Testnet3, period, 3_000_000));
    }

    [Fact]
    public void Retarget_clamps_to_a_factor_of_four()
    {
        var p = ChainParams.Main;
        var harder = UInt256.FromCompact(Harder, out _, out _);
        Assert.Equal((harder / 4).ToCompact(), Difficulty.Retarget(p, Harder, 1));
        Assert.Equal((harder / 4).ToCompact(), Difficulty.Retarget(p, Harder, -5000));
        Assert.Equal((harder * 4).ToCompact(), Difficulty.Retarget(p, Harder, 100 * p.PowTargetTimespan));
        Assert.Equal(Harder, Difficulty.Retarget(p, Harder, p.PowTargetTimespan));
        Assert.Equal(Limit, Difficulty.Retarget(p, Limit, 2 * p.PowTargetTimespan)); // capped at the pow limit
    }

    [Fact]
    public void Regtest_never_retargets()
    {
        var a = new ArrayHeaderAncestry(0, 200);
        for (int i = 0; i < 144; i++) a.Append(new BlockHeader(4, default, default, (uint)(1000 + i), 0x207fffff, 0), default);
        Assert.Equal(143, a.Height);
        Assert.Equal(0x207fffffu, Difficulty.NextWorkRequired(ChainParams.Regtest, a, 2000));
    }

    [Fact]
    public void Testnet4_timewarp_rule_limits_a_period_start_to_600s_before_its_parent()
    {
        var period = Period(Harder, Harder, 14 * 24 * 3600);
        var validator = new HeaderValidator(ChainParams.Testnet4);
        uint parentTime = period.TimeAt(period.Height);
        long now = parentTime;

        var ok = new BlockHeader(4, default, default, parentTime - 600, Harder, 0);
        var warped = ok with { Time = parentTime - 601 };

        Assert.True(validator.CheckContextual(ok, default, period, now, -1).IsValid);
        var result = validator.CheckContextual(warped, default, period, now, -1);
        Assert.Equal(RuleError.TimewarpAttack, result.Error);
        Assert.Equal("time-timewarp-attack", result.CoreReason);
        Assert.Equal(4032, result.Height);

        // The same header is fine on testnet3, which does not enforce BIP94.
        Assert.True(new HeaderValidator(ChainParams.Testnet3).CheckContextual(warped, default, period, now, -1).IsValid);
    }
}
