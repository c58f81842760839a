using Node.Primitives.Blocks;
using Node.Primitives.Scripts;
using Node.Tests;

namespace Node.Primitives.Tests.Scripts;

/// <summary>The script op reader and sigop counts against NBitcoin on every script of the real blocks, and Core's edge cases.</summary>
public class ScriptOpReaderTests
{
    private static List<byte[]> RealScripts()
    {
        var scripts = new List<byte[]>();
        foreach (var file in RealBlocks.Files)
        foreach (var raw in RealBlocks.Load(file))
        {
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            while (reader.TryReadNext(out var tx, out _))
            {
                foreach (var input in tx.Inputs) scripts.Add(input.ScriptSig.ToArray());
                foreach (var output in tx.Outputs) scripts.Add(output.ScriptPubKey.ToArray());
            }
        }
        return scripts;
    }

    [Fact]
    public void Well_formed_real_scripts_read_as_NBitcoin_reads_them()
    {
        int compared = 0, malformed = 0;
        foreach (var script in RealScripts())
        {
            var ops = new List<(byte Op, byte[] Push)>();
            var reader = new ScriptOpReader(script);
            while (reader.TryReadNext(out byte op, out var push)) ops.Add((op, push.ToArray()));
            if (reader.Malformed)
            {
                malformed++;
                continue;
            }
            Assert.Equal(script.Length, reader.Position);
            var expected = NBitcoin.Script.FromBytesUnsafe(script).ToOps()
                .Select(o => ((byte)o.Code, (byte)o.Code <= Opcode.PushData4 ? o.PushData : [])).ToList(); // NBitcoin also gives OP_N its number
            Assert.Equal(expected.Count, ops.Count);
            for (int i = 0; i < ops.Count; i++)
            {
                Assert.Equal(expected[i].Item1, ops[i].Op);
                Assert.Equal(expected[i].Item2, ops[i].Push);
            }
            compared++;
        }
        Assert.True(compared > 50_000, $"{compared} scripts compared");
        Assert.True(malformed > 0, "the real blocks hold a few truncated pushes (coinbase scripts)");
    }

    [Fact]
    public void Sigop_counts_of_real_scripts_agree_with_NBitcoin()
    {
        int withSigOps = 0;
        foreach (var script in RealScripts())
        {
            var model = NBitcoin.Script.FromBytesUnsafe(script);
            int inaccurate = SigOpCount.Of(script, accurate: false);
            Assert.Equal((int)model.GetSigOpCount(false), inaccurate);
            Assert.Equal((int)model.GetSigOpCount(true), SigOpCount.Of(script, accurate: true));
            if (inaccurate > 0) withSigOps++;
        }
        Assert.True(withSigOps > 1_000, $"{withSigOps} scripts with sigops");
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("ac", 1)]
    [InlineData("ad", 1)]
    [InlineData("ae", 20)]
    [InlineData("af", 20)]
    [InlineData("52ae", 20)]              // inaccurate: the key count is not read
    [InlineData("ac4c", 1)]               // OP_PUSHDATA1 without its length: counting stops
    [InlineData("ae02ac", 20)]            // a push of 2 with 1 byte left: counting stops
    [InlineData("01acac", 1)]             // the first CHECKSIG byte is pushed data
    [InlineData("4c01acac", 1)]
    [InlineData("4d0100acac", 1)]
    [InlineData("4e01000000acac", 1)]
    [InlineData("4effffffffac", 0)]       // a 4 GB push: truncated
    public void Counts_legacy_sigops_as_Core(string hex, int expected)
    {
        Assert.Equal(expected, SigOpCount.Of(Convert.FromHexString(hex), accurate: false));
    }

    [Theory]
    [InlineData("52ae", 2)]
    [InlineData("60af", 16)]
    [InlineData("00ae", 20)]  // OP_0 is not OP_1..OP_16
    [InlineData("4fae", 20)]  // nor is OP_1NEGATE
    public void Accurate_counts_read_the_key_count(string hex, int expected)
    {
        Assert.Equal(expected, SigOpCount.Of(Convert.FromHexString(hex), accurate: true));
    }

    [Fact]
    public void Pushes_are_slices_and_truncation_is_reported()
    {
        var script = Convert.FromHexString("0003aabbcc4c02ddee4d0100ff76");
        var reader = new ScriptOpReader(script);
        var ops = new List<(byte, string)>();
        while (reader.TryReadNext(out byte op, out var push)) ops.Add((op, Convert.ToHexStringLower(push)));
        Assert.False(reader.Malformed);
        Assert.Equal([(0x00, ""), (0x03, "aabbcc"), (0x4c, "ddee"), (0x4d, "ff"), (0x76, "")], ops);

        var truncated = new ScriptOpReader(Convert.FromHexString("76050102"));
        Assert.True(truncated.TryReadNext(out byte first, out _));
        Assert.Equal(0x76, first);
        Assert.False(truncated.TryReadNext(out byte failed, out _));
        Assert.Equal(0xff, failed);
        Assert.True(truncated.Malformed);
        Assert.False(truncated.TryReadNext(out _, out _));
    }
}
