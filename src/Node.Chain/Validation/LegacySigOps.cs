using Node.Primitives.Scripts;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Core's GetLegacySigOpCount: inaccurate sigops of every scriptSig and scriptPubKey.</summary>
public static class LegacySigOps
{
    public static int Count(TransactionReader tx)
    {
        int count = 0;
        foreach (var input in tx.Inputs) count += Of(input.ScriptSig);
        foreach (var output in tx.Outputs) count += Of(output.ScriptPubKey);
        return count;
    }

    /// <summary>
    /// <see cref="SigOpCount.Of"/> with <c>accurate: false</c>, answering at sight for the scripts
    /// nearly every transaction carries (an empty scriptSig, a witness program, P2SH, P2PKH): walking
    /// them op by op was most of CheckBlock's time outside hashing.
    /// </summary>
    public static int Of(ReadOnlySpan<byte> script)
    {
        int length = script.Length;
        if (length == 0) return 0;
        // OP_0 or OP_1..OP_16, then one direct push filling the rest: a witness program, no sigop.
        if (length >= 3 && script[1] == length - 2 && length - 2 <= 75 && (script[0] == 0 || (uint)(script[0] - 0x51) <= 15)) return 0;
        // OP_HASH160 <20> OP_EQUAL: P2SH.
        if (length == 23 && script[0] == 0xa9 && script[1] == 0x14 && script[22] == 0x87) return 0;
        // OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG: P2PKH, one.
        if (length == 25 && script[0] == 0x76 && script[1] == 0xa9 && script[2] == 0x14 && script[23] == 0x88 && script[24] == 0xac) return 1;
        return SigOpCount.Of(script, accurate: false);
    }
}
