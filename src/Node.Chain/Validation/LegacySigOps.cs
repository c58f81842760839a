using System.Runtime.CompilerServices;
using Node.Primitives.Scripts;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// Core's GetLegacySigOpCount adds these inaccurate sigops of every scriptSig and scriptPubKey; the sum is
/// taken by <see cref="TransactionCheck.Check(TransactionReader, Span{int}, out int, out bool)"/>'s walk.
/// </summary>
public static class LegacySigOps
{
    /// <summary>
    /// <see cref="SigOpCount.Of"/> with <c>accurate: false</c>, answering at sight for the scripts
    /// nearly every transaction carries (an empty scriptSig, a witness program, P2SH, P2PKH): walking
    /// them op by op was most of CheckBlock's time outside hashing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        return OpByOp(script);
    }

    /// <summary>
    /// Pushes only, direct or OP_PUSHDATA1 (a spend's signatures, keys and redeem script): no sigop, also when the last
    /// push is truncated, where Core stops counting. Anything else is walked op by op. Not inlined: inside its callers'
    /// loops the walk ran with its state on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OpByOp(ReadOnlySpan<byte> script)
    {
        int p = 0;
        while (p < script.Length)
        {
            int op = script[p];
            if (op <= 75) p += 1 + op;
            else if (op == 0x4c && p + 1 < script.Length) p += 2 + script[p + 1];
            else if (op == 0x4c) return 0;
            else return SigOpCount.Of(script, accurate: false);
        }
        return 0;
    }
}
