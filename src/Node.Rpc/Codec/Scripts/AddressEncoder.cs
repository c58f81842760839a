using Node.Primitives.Consensus;

namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's ExtractDestination + EncodeDestination with the network's prefixes.</summary>
internal static class AddressEncoder
{
    /// <summary>
    /// The address of a solved script, or null where Core's ExtractDestination has none (P2PK,
    /// multisig, null data, non-standard).
    /// </summary>
    public static string? Encode(ScriptType type, List<byte[]> solutions, ReadOnlySpan<byte> script, ChainType network)
    {
        var (hrp, pubKeyPrefix, scriptPrefix) = AddressDecoder.Prefixes(network);
        switch (type)
        {
            case ScriptType.PubKeyHash: return Base58(pubKeyPrefix, solutions[0]);
            case ScriptType.ScriptHash: return Base58(scriptPrefix, solutions[0]);
            case ScriptType.WitnessV0KeyHash:
            case ScriptType.WitnessV0ScriptHash: return Bech32.EncodeWitness(hrp, 0, solutions[0]);
            case ScriptType.WitnessV1Taproot: return Bech32.EncodeWitness(hrp, 1, solutions[0]);
            case ScriptType.WitnessUnknown: return Bech32.EncodeWitness(hrp, solutions[0][0], solutions[1]);
            case ScriptType.Anchor:
                ScriptSolver.TryWitnessProgram(script, out int version, out var program);
                return Bech32.EncodeWitness(hrp, version, program);
            default: return null;
        }
    }

    public static string ScriptHashAddress(ReadOnlySpan<byte> script, ChainType network) =>
        Base58(AddressDecoder.Prefixes(network).ScriptPrefix, Ripemd160.Hash160(script));

    private static string Base58(byte prefix, ReadOnlySpan<byte> hash) => Base58Check.Encode([prefix, .. hash]);
}
