using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

public class ArrayHeaderAncestryTests
{
    [Fact]
    public void Holds_real_headers_by_absolute_height_and_refuses_heights_it_does_not_hold()
    {
        var raws = HeaderData.Hdr("mainnet-822528-830592.hdr");
        var a = HeaderData.Ancestry(822528, raws.Take(3000)); // grows past its initial 2016
        Assert.Equal(822528 + 2999, a.Height);
        Assert.Equal(BlockHeader.Read(raws[5]).Bits, a.BitsAt(822533));
        Assert.Equal(BlockHeader.HashOf(raws[2999]), a.TipHash);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => a.TimeAt(822527));
        Assert.Contains("822528..825527", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.BitsAt(a.Height + 1));
    }

    [Fact]
    public void Truncating_rewinds_the_tip()
    {
        var a = ArrayHeaderAncestry.FromGenesis(ChainParams.Main);
        var raws = HeaderData.Hdr("mainnet-0-10236.hdr");
        foreach (var raw in raws.Skip(1).Take(20)) a.Append(BlockHeader.Read(raw), BlockHeader.HashOf(raw));
        a.TruncateTo(7);
        Assert.Equal(7, a.Height);
        Assert.Equal(BlockHeader.HashOf(raws[7]), a.TipHash);
    }

    [Fact]
    public void Median_time_past_of_a_real_tip_is_the_median_of_its_last_11_timestamps()
    {
        var raws = HeaderData.Hdr("mainnet-0-10236.hdr");
        var a = HeaderData.Ancestry(0, raws.Take(101));
        var last11 = raws.Skip(90).Take(11).Select(r => BlockHeader.Read(r).Time).Order().ToArray();
        Assert.Equal(last11[5], a.MedianTimePast());
    }

    [Fact]
    public void A_mainnet_header_does_not_extend_the_testnet3_genesis()
    {
        var raws = HeaderData.Hdr("mainnet-0-10236.hdr");
        var result = new HeaderValidator(ChainParams.Testnet3)
            .Validate(raws[1], ArrayHeaderAncestry.FromGenesis(ChainParams.Testnet3), 2_000_000_000, -1, out _, out _);
        Assert.Equal(RuleError.PrevBlockUnknown, result.Error);
        Assert.Equal(1, result.Height);
    }
}
