using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

/// <summary>Every mainnet retarget from 2016 to 832608, recomputed from the two headers Core's window uses.</summary>
public class RetargetBoundaryTests
{
    private const int Interval = 2016;

    /// <summary>Only the headers in the boundary file: asking for any other height fails the test.</summary>
    private sealed class BoundaryAncestry(Dictionary<int, BlockHeader> headers, int tip) : IHeaderAncestry
    {
        public int Height => tip;
        public Hash256 TipHash => headers[tip].GetHash();
        public uint TimeAt(int height) => headers[height].Time;
        public uint BitsAt(int height) => headers[height].Bits;
        public uint MedianTimePast() => throw new InvalidOperationException("not needed for nBits");
    }

    [Fact]
    public void All_413_retargets_recompute_to_the_recorded_nBits()
    {
        var headers = HeaderData.RetargetBoundaries().ToDictionary(kv => kv.Key, kv => BlockHeader.Read(kv.Value));
        int retargets = 0, changed = 0;
        for (int k = 1; k * Interval <= 832608; k++)
        {
            int height = k * Interval;
            var parent = new BoundaryAncestry(headers, height - 1);
            uint required = Difficulty.NextWorkRequired(ChainParams.Main, parent, headers[height].Time);
            Assert.True(required == headers[height].Bits, $"retarget at {height}: computed 0x{required:x8}, chain has 0x{headers[height].Bits:x8}");
            retargets++;
            if (headers[height].Bits != headers[height - 1].Bits) changed++;
        }
        Assert.Equal(413, retargets);
        Assert.True(changed > 380, $"only {changed} retargets changed the target"); // the first 15 stayed at the limit
    }

    [Fact]
    public void Boundary_headers_have_valid_proof_of_work_and_link_across_each_retarget()
    {
        var raws = HeaderData.RetargetBoundaries();
        var validator = new HeaderValidator(ChainParams.Main);
        foreach (var (height, raw) in raws)
        {
            var header = BlockHeader.Read(raw);
            var pow = validator.CheckProofOfWork(header, BlockHeader.HashOf(raw));
            Assert.True(pow.IsValid, $"{height}: {pow}");
            if (height > 0 && height % Interval == 0)
                Assert.Equal(BlockHeader.HashOf(raws[height - 1]), header.PrevBlock);
        }
        Assert.Equal(827, raws.Count);
    }

    [Fact]
    public void Recorded_chainwork_is_the_sum_of_per_block_work_through_832608()
    {
        // Mainnet has no min-difficulty blocks, so nBits is constant within a period: the work of
        // heights k*2016 .. k*2016+2015 is 2016 times the work of the boundary header's nBits.
        var headers = HeaderData.RetargetBoundaries().ToDictionary(kv => kv.Key, kv => BlockHeader.Read(kv.Value));
        var recorded = HeaderData.RetargetChainwork();
        Assert.Equal(827, recorded.Count);

        var work = UInt256.Zero;
        int checkedHeights = 0;
        for (int start = 0; start <= 832608; start += Interval)
        {
            var perBlock = UInt256.Work(headers[start].Bits);
            Assert.Equal(perBlock, UInt256.Work(headers.GetValueOrDefault(start + Interval - 1, headers[start]).Bits));
            work += perBlock;
            Assert.Equal(recorded[start], work);
            checkedHeights++;
            if (recorded.TryGetValue(start + Interval - 1, out var atEnd))
            {
                work += perBlock * (Interval - 1);
                Assert.Equal(atEnd, work);
                checkedHeights++;
            }
        }
        Assert.Equal(827, checkedHeights);
    }
}
