using System.Runtime.CompilerServices;
using Node.Primitives.Scripts;

namespace Node.Chain.Validation;

/// <summary>
/// Core's GetLegacySigOpCount adds these inaccurate sigops of every scriptSig and scriptPubKey; the sum is
/// taken part by part by <see cref="TxCheckTally"/>.
/// </summary>
public static class LegacySigOps
{
    /// <summary>
    /// <see cref="SigOpCount.Of"/> with <c>accurate: false</c>, answering at sight for the scripts
    /// nearly every transaction carries (an empty scriptSig, a witness program, P2SH, P2PKH): walking
    /// them op by op was most of CheckBlock's time outside hashing. Other scripts (mostly a spend's
    /// pushes) are walked by a loop that skips pushes whole.
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
    /// The count, walking direct and OP_PUSHDATA1 pushes (a spend's signatures, keys and redeem script) and single-byte
    /// ops here; at a truncated push it stops, as Core does. A script with OP_PUSHDATA2 or 4 goes to the shared op
    /// reader. Not inlined: inside its callers' loops the walk ran with its state on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OpByOp(ReadOnlySpan<byte> script)
    {
        int count = 0, p = 0;
        while (p < script.Length)
        {
            int op = script[p];
            if (op < Opcode.PushData1) p += 1 + op;
            else if (op == Opcode.PushData1)
            {
                if (p + 1 >= script.Length) break;
                p += 2 + script[p + 1];
            }
            else if (op <= Opcode.PushData4) return SigOpCount.Of(script, accurate: false);
            else
            {
                p++;
                if (op is Opcode.CheckSig or Opcode.CheckSigVerify) count++;
                else if (op is Opcode.CheckMultiSig or Opcode.CheckMultiSigVerify) count += Opcode.MaxPubKeysPerMultisig;
            }
        }
        return count;
    }
}
