namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's TxoutType (script/solver.h).</summary>
internal enum ScriptType
{
    NonStandard,
    PubKey,
    PubKeyHash,
    ScriptHash,
    Multisig,
    NullData,
    WitnessV0KeyHash,
    WitnessV0ScriptHash,
    WitnessV1Taproot,
    WitnessUnknown,
    Anchor,
}

internal static class ScriptTypeNames
{
    /// <summary>Core's GetTxnOutputType: the "type" string of a scriptPubKey.</summary>
    public static string Name(this ScriptType type) => type switch
    {
        ScriptType.PubKey => "pubkey",
        ScriptType.PubKeyHash => "pubkeyhash",
        ScriptType.ScriptHash => "scripthash",
        ScriptType.Multisig => "multisig",
        ScriptType.NullData => "nulldata",
        ScriptType.WitnessV0KeyHash => "witness_v0_keyhash",
        ScriptType.WitnessV0ScriptHash => "witness_v0_scripthash",
        ScriptType.WitnessV1Taproot => "witness_v1_taproot",
        ScriptType.WitnessUnknown => "witness_unknown",
        ScriptType.Anchor => "anchor",
        _ => "nonstandard",
    };
}
