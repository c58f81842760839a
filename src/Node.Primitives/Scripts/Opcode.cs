namespace Node.Primitives.Scripts;

/// <summary>The script opcodes consensus code names (Core's script/script.h opcodetype).</summary>
public static class Opcode
{
    public const byte Op0 = 0x00;
    public const byte PushData1 = 0x4c;
    public const byte PushData2 = 0x4d;
    public const byte PushData4 = 0x4e;
    public const byte Op1Negate = 0x4f;
    public const byte Op1 = 0x51;
    public const byte Op16 = 0x60;
    public const byte Return = 0x6a;
    public const byte CheckSig = 0xac;
    public const byte CheckSigVerify = 0xad;
    public const byte CheckMultiSig = 0xae;
    public const byte CheckMultiSigVerify = 0xaf;

    /// <summary>Core's MAX_PUBKEYS_PER_MULTISIG: what an uncounted CHECKMULTISIG costs.</summary>
    public const int MaxPubKeysPerMultisig = 20;

    /// <summary>OP_1..OP_16 as their number (Core's DecodeOP_N); only for opcodes in that range.</summary>
    public static int DecodeSmallInt(byte opcode) => opcode - (Op1 - 1);
}
