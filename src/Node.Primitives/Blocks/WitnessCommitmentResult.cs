namespace Node.Primitives.Blocks;

/// <summary>Outcome of the BIP141 witness commitment check (Bitcoin Core's reject reasons in brackets).</summary>
public enum WitnessCommitmentResult
{
    /// <summary>The coinbase commits to the witness merkle root and the commitment matches.</summary>
    Valid,

    /// <summary>No commitment output and no transaction carries witness data: nothing to check.</summary>
    NoCommitment,

    /// <summary>The coinbase witness is not a single 32-byte reserved value [bad-witness-nonce-size].</summary>
    BadReservedValue,

    /// <summary>The commitment differs from SHA256d(witness root || reserved value) [bad-witness-merkle-match].</summary>
    Mismatch,

    /// <summary>Witness data without a commitment [unexpected-witness].</summary>
    UnexpectedWitness,
}
