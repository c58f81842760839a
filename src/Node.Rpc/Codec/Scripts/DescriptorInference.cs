using System.Text;
using Node.Primitives.Consensus;

namespace Node.Rpc.Codec.Scripts;

/// <summary>
/// Core's InferDescriptor (script/descriptor.cpp) with an empty signing provider, or one that knows
/// a single witness script (decodescript's "segwit" object): pk, multi, wsh(pk|multi), rawtr, addr
/// or raw, with the checksum. Key origins and miniscript are never inferred here: an empty provider
/// has no key origins, and a witness script that is only a sane miniscript falls back to addr(...).
/// </summary>
internal static class DescriptorInference
{
    private enum Context
    {
        Top,
        P2WSH,
    }

    public static string Infer(ReadOnlySpan<byte> script, ChainType network, byte[]? knownWitnessScript = null) =>
        DescriptorChecksum.Append(InferScript(script, Context.Top, network, knownWitnessScript)!);

    private static string? InferScript(ReadOnlySpan<byte> script, Context ctx, ChainType network, byte[]? witnessScript)
    {
        var solutions = new List<byte[]>();
        var type = ScriptSolver.Solve(script, solutions);

        if (type == ScriptType.PubKey && IsAllowedKey(solutions[0], ctx)) return $"pk({Convert.ToHexStringLower(solutions[0])})";
        if (type == ScriptType.Multisig)
        {
            var keys = solutions.GetRange(1, solutions.Count - 2);
            if (keys.TrueForAll(k => IsAllowedKey(k, ctx)))
            {
                var sb = new StringBuilder("multi(").Append(solutions[0][0]);
                foreach (var key in keys) sb.Append(',').Append(Convert.ToHexStringLower(key));
                return sb.Append(')').ToString();
            }
        }
        if (ctx != Context.Top) return null;

        if (type == ScriptType.WitnessV0ScriptHash && witnessScript is not null
            && Ripemd160.Hash(solutions[0]).AsSpan().SequenceEqual(Ripemd160.Hash160(witnessScript))
            && InferScript(witnessScript, Context.P2WSH, network, null) is { } inner)
            return $"wsh({inner})";
        if (type == ScriptType.WitnessV1Taproot && XOnlyPubKey.IsFullyValid(solutions[0])) return $"rawtr({Convert.ToHexStringLower(solutions[0])})";
        if (AddressEncoder.Encode(type, solutions, script, network) is { } address) return $"addr({address})";
        return $"raw({Convert.ToHexStringLower(script)})";
    }

    /// <summary>Core's InferPubkey: never a hybrid key, and uncompressed only outside segwit.</summary>
    private static bool IsAllowedKey(byte[] key, Context ctx) => key[0] is 2 or 3 || (key[0] == 4 && ctx == Context.Top);
}
