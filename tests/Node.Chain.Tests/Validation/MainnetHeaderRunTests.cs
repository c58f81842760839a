using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

/// <summary>Runs of real mainnet headers validated one by one, each against the chain before it.</summary>
public class MainnetHeaderRunTests
{
    private static readonly HeaderValidator Validator = new(ChainParams.Main);

    /// <summary>Validates raws[1..] on an ancestry holding raws[0] at baseHeight; returns the ancestry and the heights where nBits changed.</summary>
    private static (ArrayHeaderAncestry Chain, List<int> Retargets, List<int> BitsChanges) ValidateRun(int baseHeight, byte[][] raws)
    {
        var chain = HeaderData.Ancestry(baseHeight, raws.Take(1));
        long now = BlockHeader.Read(raws[^1]).Time;
        var retargets = new List<int>();
        var changes = new List<int>();
        for (int i = 1; i < raws.Length; i++)
        {
            int lastCheckpoint = HeaderData.LastCheckpointAtOrBelow(ChainParams.Main, chain.Height);
            var result = Validator.Validate(raws[i], chain, now, lastCheckpoint, out var header, out var hash);
            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(baseHeight + i, result.Height);
            if (result.Height % 2016 == 0) retargets.Add(result.Height);
            if (header.Bits != chain.BitsAt(chain.Height)) changes.Add(result.Height);
            chain.Append(header, hash);
        }
        return (chain, retargets, changes);
    }

    [Fact]
    public void Headers_0_to_10236_are_all_accepted_including_5_retargets()
    {
        var raws = HeaderData.Hdr("mainnet-0-10236.hdr");
        Assert.Equal(10237, raws.Length);
        Assert.Equal(ChainParams.Main.GenesisHash, BlockHeader.HashOf(raws[0]));

        var (chain, retargets, changes) = ValidateRun(0, raws);

        Assert.Equal(10236, chain.Height);
        Assert.Equal([2016, 4032, 6048, 8064, 10080], retargets);
        // The first periods were all slower than two weeks, so every retarget clamped back to the pow limit.
        Assert.Empty(changes);
    }

    [Fact]
    public void Chainwork_over_0_to_10236_matches_the_recorded_chainwork()
    {
        var raws = HeaderData.Hdr("mainnet-0-10236.hdr");
        var recorded = HeaderData.RetargetChainwork();
        var work = UInt256.Zero;
        int matched = 0;
        for (int h = 0; h < raws.Length; h++)
        {
            work += UInt256.Work(BlockHeader.Read(raws[h]).Bits);
            if (recorded.TryGetValue(h, out var expected))
            {
                Assert.Equal(expected, work);
                matched++;
            }
        }
        Assert.Equal(11, matched); // 0, then 2015 and 2016, ..., 10079 and 10080
    }

    [Fact]
    public void Headers_822528_to_830592_validate_from_a_trusted_first_header_with_4_retargets()
    {
        var raws = HeaderData.Hdr("mainnet-822528-830592.hdr");
        Assert.Equal(8065, raws.Length);

        var (chain, retargets, changes) = ValidateRun(822528, raws);

        Assert.Equal(830592, chain.Height);
        Assert.Equal([824544, 826560, 828576, 830592], retargets);
        Assert.Equal(retargets, changes); // modern periods never land exactly on the same target
    }

    [Fact]
    public void The_trusted_run_ends_on_the_recorded_boundary_header()
    {
        var raws = HeaderData.Hdr("mainnet-822528-830592.hdr");
        var boundaries = HeaderData.RetargetBoundaries();
        Assert.Equal(boundaries[822528], raws[0]);
        Assert.Equal(boundaries[830591], raws[^2]);
        Assert.Equal(boundaries[830592], raws[^1]);
    }
}
