using Node.Primitives.Blocks;
using Node.Primitives.Scripts;

namespace Node.Primitives.Tests;

/// <summary>Sigop counts of every script in the real blocks equal NBitcoin's GetSigOpCount.</summary>
public class SigOpCountTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Every_script_counts_as_NBitcoin_counts(string file)
    {
        int sigOps = 0;
        foreach (var raw in RealBlocks.Load(file))
        {
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            while (reader.TryReadNext(out var tx, out _))
            {
                foreach (var input in tx.Inputs) AssertSame(input.ScriptSig, ref sigOps);
                foreach (var output in tx.Outputs) AssertSame(output.ScriptPubKey, ref sigOps);
            }
        }
        Assert.NotEqual(0, sigOps);
    }

    [Fact]
    public void Real_p2sh_multisig_redeem_scripts_count_their_keys_only_when_accurate()
    {
        var oracle = RealBlocks.Oracle(Node.Tests.TestData.Bytes(RealBlocks.Legacy413567));
        int seen = 0;
        foreach (var tx in oracle.Transactions)
            foreach (var input in tx.Inputs)
            {
                var pushes = input.ScriptSig.ToOps().ToList();
                var redeem = pushes.Count > 1 ? pushes[^1].PushData : null;
                if (redeem is not { Length: > 2 } || redeem[^1] != 0xae || redeem[^2] is < 0x51 or > 0x60 || redeem[0] is < 0x51 or > 0x60) continue;
                seen++;
                Assert.Equal(20, SigOpCount.Of(redeem, accurate: false));
                Assert.Equal((int)new NBitcoin.Script(redeem).GetSigOpCount(true), SigOpCount.Of(redeem, accurate: true));
                Assert.InRange(SigOpCount.Of(redeem, accurate: true), 1, 16);
            }
        Assert.NotEqual(0, seen);
    }

    [Fact]
    public void A_truncated_push_stops_the_count()
    {
        byte[] script = [0xac, 0xac, 0x4d, 0xff, 0x00, 0xac];
        Assert.Equal(2, SigOpCount.Of(script, accurate: false));
        Assert.Equal((int)new NBitcoin.Script(script).GetSigOpCount(false), SigOpCount.Of(script, accurate: false));
    }

    private static void AssertSame(ReadOnlySpan<byte> script, ref int sigOps)
    {
        var oracle = new NBitcoin.Script(script.ToArray());
        int legacy = SigOpCount.Of(script, accurate: false), accurate = SigOpCount.Of(script, accurate: true);
        Assert.Equal((int)oracle.GetSigOpCount(false), legacy);
        Assert.Equal((int)oracle.GetSigOpCount(true), accurate);
        sigOps += legacy;
    }
}
