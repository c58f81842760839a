using System.Text.Json;
using Node.Primitives.Consensus;
using Node.Rpc.Codec.Scripts;

namespace Node.Rpc.Codec;

/// <summary>Core's ScriptToUniv (core_write.cpp): asm, desc, hex, address, type — in that order.</summary>
internal static class ScriptJson
{
    /// <summary>
    /// Writes the fields into the object the caller opened. "desc" and "address" come with
    /// <paramref name="includeAddress"/>; the address is left out for P2PK as Core does.
    /// </summary>
    public static void WriteFields(Utf8JsonWriter w, ReadOnlySpan<byte> script, ChainType network, bool includeHex, bool includeAddress, byte[]? knownWitnessScript = null)
    {
        w.WriteString("asm"u8, ScriptAsm.ToAsm(script));
        if (includeAddress) w.WriteString("desc"u8, DescriptorInference.Infer(script, network, knownWitnessScript));
        if (includeHex) w.WriteString("hex"u8, Convert.ToHexStringLower(script));

        var solutions = new List<byte[]>();
        var type = ScriptSolver.Solve(script, solutions);
        if (includeAddress && type != ScriptType.PubKey && AddressEncoder.Encode(type, solutions, script, network) is { } address)
            w.WriteString("address"u8, address);
        w.WriteString("type"u8, type.Name());
    }
}
