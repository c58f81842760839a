using Node.Primitives.Scripts;

namespace Node.Rpc.Codec.Scripts;

/// <summary>
/// Core's Solver (script/solver.cpp): the template a script matches and its solutions — the hash
/// of P2PKH/P2SH, the witness program, the key of P2PK, or for multisig [required, keys..., count].
/// </summary>
internal static class ScriptSolver
{
    public const int MaxScriptSize = 10_000;
    public const int MaxPubKeysPerMultisig = 20;
    private const byte OpDup = 0x76, OpHash160 = 0xa9, OpEqual = 0x87, OpEqualVerify = 0x88;

    public static ScriptType Solve(ReadOnlySpan<byte> script, List<byte[]> solutions)
    {
        solutions.Clear();
        if (IsPayToScriptHash(script))
        {
            solutions.Add(script[2..22].ToArray());
            return ScriptType.ScriptHash;
        }
        if (TryWitnessProgram(script, out int version, out var program))
        {
            if (version == 0 && program.Length == 20) return Found(solutions, ScriptType.WitnessV0KeyHash, program);
            if (version == 0 && program.Length == 32) return Found(solutions, ScriptType.WitnessV0ScriptHash, program);
            if (version == 1 && program.Length == 32) return Found(solutions, ScriptType.WitnessV1Taproot, program);
            if (IsPayToAnchor(script)) return ScriptType.Anchor;
            if (version == 0) return ScriptType.NonStandard;
            solutions.Add([(byte)version]);
            solutions.Add(program.ToArray());
            return ScriptType.WitnessUnknown;
        }
        if (script.Length >= 1 && script[0] == Opcode.Return && IsPushOnly(script[1..])) return ScriptType.NullData;
        if (TryPayToPubKey(script, out var key)) return Found(solutions, ScriptType.PubKey, key);
        if (script.Length == 25 && script[0] == OpDup && script[1] == OpHash160 && script[2] == 20 && script[23] == OpEqualVerify && script[24] == Opcode.CheckSig)
            return Found(solutions, ScriptType.PubKeyHash, script[3..23]);
        if (TryMultisig(script, solutions)) return ScriptType.Multisig;
        solutions.Clear();
        return ScriptType.NonStandard;
    }

    private static ScriptType Found(List<byte[]> solutions, ScriptType type, ReadOnlySpan<byte> solution)
    {
        solutions.Add(solution.ToArray());
        return type;
    }

    public static bool IsPayToScriptHash(ReadOnlySpan<byte> s) => s.Length == 23 && s[0] == OpHash160 && s[1] == 20 && s[22] == OpEqual;

    /// <summary>Core's IsPayToAnchor: OP_1 PUSH2 0x4e73.</summary>
    public static bool IsPayToAnchor(ReadOnlySpan<byte> s) => s.Length == 4 && s[0] == Opcode.Op1 && s[1] == 2 && s[2] == 0x4e && s[3] == 0x73;

    /// <summary>Core's CScript::IsWitnessProgram: a version opcode and one direct push of 2..40 bytes.</summary>
    public static bool TryWitnessProgram(ReadOnlySpan<byte> s, out int version, out ReadOnlySpan<byte> program)
    {
        version = 0;
        program = default;
        if (s.Length < 4 || s.Length > 42) return false;
        if (s[0] != Opcode.Op0 && (s[0] < Opcode.Op1 || s[0] > Opcode.Op16)) return false;
        if (s[1] + 2 != s.Length) return false;
        version = s[0] == Opcode.Op0 ? 0 : Opcode.DecodeSmallInt(s[0]);
        program = s[2..];
        return true;
    }

    /// <summary>Core's IsPushOnly: every operation parses and is at most OP_16.</summary>
    public static bool IsPushOnly(ReadOnlySpan<byte> script)
    {
        var reader = new ScriptOpReader(script);
        while (reader.TryReadNext(out byte op, out _))
            if (op > Opcode.Op16) return false;
        return !reader.Malformed;
    }

    /// <summary>Core's CScript::HasValidOps: every operation parses, is a defined opcode and pushes at most 520 bytes.</summary>
    public static bool HasValidOps(ReadOnlySpan<byte> script)
    {
        var reader = new ScriptOpReader(script);
        while (reader.TryReadNext(out byte op, out var data))
            if (op > ScriptAsm.MaxOpcode || data.Length > 520) return false;
        return !reader.Malformed;
    }

    /// <summary>Core's CScript::IsUnspendable: starts with OP_RETURN or is longer than MAX_SCRIPT_SIZE.</summary>
    public static bool IsUnspendable(ReadOnlySpan<byte> s) => (s.Length > 0 && s[0] == Opcode.Return) || s.Length > MaxScriptSize;

    /// <summary>Core's CPubKey::ValidSize: 33 bytes behind 02/03, 65 behind 04/06/07.</summary>
    public static bool IsValidPubKeySize(ReadOnlySpan<byte> key) => key.Length > 0 && key.Length == key[0] switch
    {
        2 or 3 => 33,
        4 or 6 or 7 => 65,
        _ => -1,
    };

    private static bool TryPayToPubKey(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (s.Length is not (67 or 35) || s[0] != s.Length - 2 || s[^1] != Opcode.CheckSig) return false;
        key = s[1..^1];
        return IsValidPubKeySize(key);
    }

    private static bool TryMultisig(ReadOnlySpan<byte> s, List<byte[]> solutions)
    {
        if (s.Length < 1 || s[^1] != Opcode.CheckMultiSig) return false;
        var reader = new ScriptOpReader(s);
        if (!reader.TryReadNext(out byte op, out var data)) return false;
        int required = ScriptNumber(op, data, 1, MaxPubKeysPerMultisig);
        if (required < 0) return false;
        var keys = new List<byte[]>();
        while (reader.TryReadNext(out op, out data) && IsValidPubKeySize(data)) keys.Add(data.ToArray());
        int count = ScriptNumber(op, data, required, MaxPubKeysPerMultisig);
        if (count < 0 || keys.Count != count) return false;
        if (reader.Position + 1 != s.Length) return false;
        solutions.Add([(byte)required]);
        solutions.AddRange(keys);
        solutions.Add([(byte)count]);
        return true;
    }

    /// <summary>
    /// Core's GetScriptNumber: OP_1..OP_16, or a minimal push of a minimally encoded number, in
    /// [min, max]; -1 otherwise (a failed read leaves OP_INVALIDOPCODE, which is neither).
    /// </summary>
    private static int ScriptNumber(byte op, ReadOnlySpan<byte> data, int min, int max)
    {
        int value;
        if (op >= Opcode.Op1 && op <= Opcode.Op16) value = Opcode.DecodeSmallInt(op);
        else if (op > Opcode.Op0 && op <= Opcode.PushData4)
        {
            // Within 1..20 only a one-byte direct push of 17..20 is both a minimal push and a minimal number.
            if (op != 1 || data.Length != 1 || data[0] is <= 16 or >= 0x80) return -1;
            value = data[0];
        }
        else return -1;
        return value < min || value > max ? -1 : value;
    }
}
