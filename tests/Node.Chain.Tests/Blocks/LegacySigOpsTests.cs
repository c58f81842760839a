using Node.Chain.Validation;
using Node.Primitives.Blocks;
using Node.Primitives.Scripts;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// <see cref="LegacySigOps.Of"/> answers standard scripts at sight: it must agree with the op-by-op
/// <see cref="SigOpCount.Of"/> on every real script and on every one-byte change of each template, and
/// CheckTransaction's walk must add up each transaction's scripts.
/// </summary>
public class LegacySigOpsTests
{
    private static readonly string[] Files =
        ["blocks/mainnet-0-438.blk", "blocks/btcd-277647.blk", .. RealBlocks.Singles.Select(s => s.File).Where(f => f.EndsWith(".raw", StringComparison.Ordinal))];

    [Fact]
    public void Every_real_script_counts_as_op_by_op()
    {
        int scripts = 0, templates = 0;
        foreach (var file in Files)
            foreach (var raw in TestData.Blocks(file))
            {
                Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
                while (reader.TryReadNext(out var tx, out _))
                {
                    int expected = 0;
                    foreach (var input in tx.Inputs) { AssertSame(input.ScriptSig); expected += SigOpCount.Of(input.ScriptSig, accurate: false); scripts++; }
                    foreach (var output in tx.Outputs)
                    {
                        AssertSame(output.ScriptPubKey);
                        expected += SigOpCount.Of(output.ScriptPubKey, accurate: false);
                        scripts++;
                        if (output.ScriptPubKey.Length is 22 or 23 or 25 or 34) templates++;
                    }
                    Assert.Equal(expected, CountOf(tx));
                }
            }
        Assert.True(scripts > 50_000, $"{scripts} scripts");
        Assert.True(templates > 10_000, $"{templates} template-sized scripts");
    }

    public static TheoryData<string> Templates => new()
    {
        "0014" + new string('1', 40),                 // P2WPKH
        "0020" + new string('2', 64),                 // P2WSH
        "5120" + new string('3', 64),                 // P2TR
        "6002abcd",                                   // OP_16, a 2-byte program
        "a914" + new string('4', 40) + "87",          // P2SH
        "76a914" + new string('5', 40) + "88ac",      // P2PKH
        "00",                                         // a lone OP_0
        "0001",                                       // OP_0 then a truncated push
        "03abcdef02abcd",                             // direct pushes only (a P2PKH spend's shape)
        "16" + "0014" + new string('6', 40),          // one push of a witness program (wrapped segwit)
        "00" + "02abcd" + "4c03" + "51ac52",          // OP_0, a push, an OP_PUSHDATA1 push (a P2SH multisig spend's shape)
        "02abcd4c",                                   // a push, then OP_PUSHDATA1 without its length
        "4d0300abcdef",                               // OP_PUSHDATA2
    };

    [Theory, MemberData(nameof(Templates))]
    public void Every_one_byte_change_of_a_template_counts_as_op_by_op(string hex)
    {
        var script = Convert.FromHexString(hex);
        AssertSame(script);
        // Each position set to every value that matters to the shortcuts or to counting.
        byte[] values = [0x00, 0x01, 0x02, 0x14, 0x20, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x60, 0x61, 0x76, 0x87, 0x88, 0xa9, 0xac, 0xad, 0xae, 0xaf, 0xff];
        for (int i = 0; i < script.Length; i++)
            foreach (byte value in values)
            {
                var changed = script.ToArray();
                changed[i] = value;
                AssertSame(changed);
            }
        AssertSame(script[..^1]);
        AssertSame([.. script, 0xac]);
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("ac", "", 1)]          // a scriptSig's sigop: the inputs are walked
    [InlineData("", "ac", 1)]
    [InlineData("51ae", "ad", 21)]     // inaccurate: CHECKMULTISIG counts 20 whatever precedes it
    public void A_transactions_count_includes_its_scriptSigs_unless_all_are_empty(string scriptSig, string scriptPubKey, int expected)
    {
        byte[] sig = Convert.FromHexString(scriptSig), pub = Convert.FromHexString(scriptPubKey);
        // version 1, two inputs (the second with an empty scriptSig), one output, lock time 0
        byte[] tx =
        [
            1, 0, 0, 0, 2,
            .. new byte[32], 0, 0, 0, 0, (byte)sig.Length, .. sig, 0xff, 0xff, 0xff, 0xff,
            .. Enumerable.Repeat((byte)7, 32), 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
            1, .. new byte[8], (byte)pub.Length, .. pub,
            0, 0, 0, 0,
        ];
        Assert.Equal(expected, CountOf(TransactionReader.Read(tx)));
    }

    /// <summary>The transaction's count as CheckTransaction's walk adds it up (the transaction must pass).</summary>
    private static int CountOf(TransactionReader tx)
    {
        Assert.Equal(BlockRuleError.None, TransactionCheck.Check(tx, out int sigOps, out _));
        return sigOps;
    }

    private static void AssertSame(ReadOnlySpan<byte> script) =>
        Assert.True(SigOpCount.Of(script, accurate: false) == LegacySigOps.Of(script), Convert.ToHexString(script));
}
