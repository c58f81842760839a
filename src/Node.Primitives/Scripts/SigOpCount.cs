namespace Node.Primitives.Scripts;

/// <summary>Signature operations in a script (Core's CScript::GetSigOpCount).</summary>
public static class SigOpCount
{
    /// <summary>
    /// Counts CHECKSIG(VERIFY) as 1 and CHECKMULTISIG(VERIFY) as 20, or, when <paramref name="accurate"/>,
    /// as the key count of a preceding OP_1..OP_16. Stops silently at a truncated push, as Core does.
    /// </summary>
    public static int Of(ReadOnlySpan<byte> script, bool accurate)
    {
        int count = 0;
        byte last = 0xff;
        var reader = new ScriptOpReader(script);
        while (reader.TryReadNext(out byte op, out _))
        {
            if (op is Opcode.CheckSig or Opcode.CheckSigVerify)
                count++;
            else if (op is Opcode.CheckMultiSig or Opcode.CheckMultiSigVerify)
                count += accurate && last is >= Opcode.Op1 and <= Opcode.Op16 ? Opcode.DecodeSmallInt(last) : Opcode.MaxPubKeysPerMultisig;
            last = op;
        }
        return count;
    }
}
