using System.Globalization;
using System.Text;
using Node.Primitives.Scripts;

namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's ScriptToAsmStr (core_write.cpp) and GetOpName (script/script.cpp).</summary>
internal static class ScriptAsm
{
    /// <summary>Core's MAX_OPCODE (OP_NOP10): higher opcodes fail HasValidOps.</summary>
    public const byte MaxOpcode = 0xb9;

    private const byte OpReserved = 0x50, OpNop = 0x61, OpCheckSigAdd = 0xba, OpInvalid = 0xff;

    // OP_NOP (0x61) .. OP_CHECKSIGADD (0xba), in opcode order.
    private static readonly string[] Names =
    [
        "OP_NOP", "OP_VER", "OP_IF", "OP_NOTIF", "OP_VERIF", "OP_VERNOTIF", "OP_ELSE", "OP_ENDIF", "OP_VERIFY", "OP_RETURN",
        "OP_TOALTSTACK", "OP_FROMALTSTACK", "OP_2DROP", "OP_2DUP", "OP_3DUP", "OP_2OVER", "OP_2ROT", "OP_2SWAP", "OP_IFDUP",
        "OP_DEPTH", "OP_DROP", "OP_DUP", "OP_NIP", "OP_OVER", "OP_PICK", "OP_ROLL", "OP_ROT", "OP_SWAP", "OP_TUCK",
        "OP_CAT", "OP_SUBSTR", "OP_LEFT", "OP_RIGHT", "OP_SIZE", "OP_INVERT", "OP_AND", "OP_OR", "OP_XOR", "OP_EQUAL",
        "OP_EQUALVERIFY", "OP_RESERVED1", "OP_RESERVED2", "OP_1ADD", "OP_1SUB", "OP_2MUL", "OP_2DIV", "OP_NEGATE", "OP_ABS",
        "OP_NOT", "OP_0NOTEQUAL", "OP_ADD", "OP_SUB", "OP_MUL", "OP_DIV", "OP_MOD", "OP_LSHIFT", "OP_RSHIFT", "OP_BOOLAND",
        "OP_BOOLOR", "OP_NUMEQUAL", "OP_NUMEQUALVERIFY", "OP_NUMNOTEQUAL", "OP_LESSTHAN", "OP_GREATERTHAN",
        "OP_LESSTHANOREQUAL", "OP_GREATERTHANOREQUAL", "OP_MIN", "OP_MAX", "OP_WITHIN", "OP_RIPEMD160", "OP_SHA1",
        "OP_SHA256", "OP_HASH160", "OP_HASH256", "OP_CODESEPARATOR", "OP_CHECKSIG", "OP_CHECKSIGVERIFY", "OP_CHECKMULTISIG",
        "OP_CHECKMULTISIGVERIFY", "OP_NOP1", "OP_CHECKLOCKTIMEVERIFY", "OP_CHECKSEQUENCEVERIFY", "OP_NOP4", "OP_NOP5",
        "OP_NOP6", "OP_NOP7", "OP_NOP8", "OP_NOP9", "OP_NOP10", "OP_CHECKSIGADD",
    ];

    /// <summary>Core's GetOpName for an opcode that is not a data push.</summary>
    public static string OpName(byte op) => op switch
    {
        Opcode.Op0 => "0",
        Opcode.PushData1 => "OP_PUSHDATA1",
        Opcode.PushData2 => "OP_PUSHDATA2",
        Opcode.PushData4 => "OP_PUSHDATA4",
        Opcode.Op1Negate => "-1",
        OpReserved => "OP_RESERVED",
        >= Opcode.Op1 and <= Opcode.Op16 => Opcode.DecodeSmallInt(op).ToString(CultureInfo.InvariantCulture),
        >= OpNop and <= OpCheckSigAdd => Names[op - OpNop],
        OpInvalid => "OP_INVALIDOPCODE",
        _ => "OP_UNKNOWN",
    };

    /// <summary>
    /// Pushes of up to 4 bytes as their script number, longer ones as hex, other opcodes by name,
    /// "[error]" where a push runs past the end. With <paramref name="attemptSighashDecode"/> (a
    /// scriptSig) a strictly encoded signature shows its sighash type as "[ALL]" etc.
    /// </summary>
    public static string ToAsm(ReadOnlySpan<byte> script, bool attemptSighashDecode = false)
    {
        var sb = new StringBuilder();
        var reader = new ScriptOpReader(script);
        bool decodeSighash = attemptSighashDecode && !ScriptSolver.IsUnspendable(script);
        while (reader.Position < script.Length)
        {
            if (sb.Length > 0) sb.Append(' ');
            if (!reader.TryReadNext(out byte op, out var data))
            {
                sb.Append("[error]");
                break;
            }
            if (op > Opcode.PushData4) sb.Append(OpName(op));
            else if (data.Length <= 4) sb.Append(ScriptNumber(data).ToString(CultureInfo.InvariantCulture));
            else if (decodeSighash && SignatureEncoding.TrySighashName(data, out string? sighash))
                sb.Append(Convert.ToHexStringLower(data[..^1])).Append('[').Append(sighash).Append(']');
            else sb.Append(Convert.ToHexStringLower(data));
        }
        return sb.ToString();
    }

    /// <summary>CScriptNum(data, false).getint(): little-endian sign-magnitude, at most 4 bytes here.</summary>
    private static long ScriptNumber(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return 0;
        long value = 0;
        for (int i = 0; i < data.Length; i++) value |= (long)data[i] << (8 * i);
        if ((data[^1] & 0x80) == 0) return value;
        return -(value & ~(0x80L << (8 * (data.Length - 1))));
    }
}
