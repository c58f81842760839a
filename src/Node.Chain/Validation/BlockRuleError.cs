namespace Node.Chain.Validation;

/// <summary>
/// Why a block breaks a consensus rule that needs no UTXO set (Core's CheckBlock, CheckTransaction
/// and ContextualCheckBlock). Core's reject reason in brackets; see <see cref="BlockRuleErrors.ToRejectReason"/>.
/// </summary>
public enum BlockRuleError : byte
{
    None = 0,

    /// <summary>
    /// The bytes are not a block (see the result's decode error). Core fails deserialization before
    /// any rule and has no reject reason; this node reports [block-decode-failed].
    /// </summary>
    Malformed,

    /// <summary>The header's merkle root is not the root of the transactions [bad-txnmrklroot].</summary>
    BadMerkleRoot,

    /// <summary>Equal sibling hashes in the merkle tree: a CVE-2012-2459 mutation [bad-txns-duplicate].</summary>
    MutatedMerkleTree,

    /// <summary>No transactions, or more than the weight allows, or stripped size × 4 above 4,000,000 [bad-blk-length].</summary>
    BadLength,

    /// <summary>The first transaction is not a coinbase [bad-cb-missing].</summary>
    CoinbaseMissing,

    /// <summary>A transaction after the first is a coinbase [bad-cb-multiple].</summary>
    CoinbaseMultiple,

    /// <summary>A transaction has no inputs [bad-txns-vin-empty].</summary>
    NoInputs,

    /// <summary>A transaction has no outputs [bad-txns-vout-empty].</summary>
    NoOutputs,

    /// <summary>A transaction's stripped size × 4 exceeds the block weight limit [bad-txns-oversize].</summary>
    TxOversize,

    /// <summary>An output value is negative [bad-txns-vout-negative].</summary>
    OutputNegative,

    /// <summary>An output value exceeds 21 million bitcoin [bad-txns-vout-toolarge].</summary>
    OutputTooLarge,

    /// <summary>The outputs of one transaction add up to more than 21 million bitcoin [bad-txns-txouttotal-toolarge].</summary>
    OutputTotalTooLarge,

    /// <summary>A transaction spends the same outpoint twice (CVE-2018-17144) [bad-txns-inputs-duplicate].</summary>
    DuplicateInputs,

    /// <summary>The coinbase scriptSig is not 2 to 100 bytes [bad-cb-length].</summary>
    CoinbaseLength,

    /// <summary>A non-coinbase input spends the null outpoint [bad-txns-prevout-null].</summary>
    NullPrevout,

    /// <summary>Legacy signature operations × 4 exceed 80,000 [bad-blk-sigops].</summary>
    TooManySigOps,

    /// <summary>A transaction's lock time is not yet reached [bad-txns-nonfinal].</summary>
    NonFinalTx,

    /// <summary>BIP34: the coinbase scriptSig does not start with the block height [bad-cb-height].</summary>
    BadCoinbaseHeight,

    /// <summary>The coinbase witness is not a single 32-byte reserved value [bad-witness-nonce-size].</summary>
    BadWitnessNonceSize,

    /// <summary>The witness commitment differs from the block's witness merkle root [bad-witness-merkle-match].</summary>
    BadWitnessMerkleMatch,

    /// <summary>Witness data in a block without a (checked) witness commitment [unexpected-witness].</summary>
    UnexpectedWitness,

    /// <summary>The block's weight exceeds 4,000,000 [bad-blk-weight].</summary>
    BadWeight,
}

public static class BlockRuleErrors
{
    /// <summary>Bitcoin Core's reject reason for the same failure ("" for none).</summary>
    public static string ToRejectReason(this BlockRuleError error) => error switch
    {
        BlockRuleError.None => "",
        BlockRuleError.Malformed => "block-decode-failed",
        BlockRuleError.BadMerkleRoot => "bad-txnmrklroot",
        BlockRuleError.MutatedMerkleTree => "bad-txns-duplicate",
        BlockRuleError.BadLength => "bad-blk-length",
        BlockRuleError.CoinbaseMissing => "bad-cb-missing",
        BlockRuleError.CoinbaseMultiple => "bad-cb-multiple",
        BlockRuleError.NoInputs => "bad-txns-vin-empty",
        BlockRuleError.NoOutputs => "bad-txns-vout-empty",
        BlockRuleError.TxOversize => "bad-txns-oversize",
        BlockRuleError.OutputNegative => "bad-txns-vout-negative",
        BlockRuleError.OutputTooLarge => "bad-txns-vout-toolarge",
        BlockRuleError.OutputTotalTooLarge => "bad-txns-txouttotal-toolarge",
        BlockRuleError.DuplicateInputs => "bad-txns-inputs-duplicate",
        BlockRuleError.CoinbaseLength => "bad-cb-length",
        BlockRuleError.NullPrevout => "bad-txns-prevout-null",
        BlockRuleError.TooManySigOps => "bad-blk-sigops",
        BlockRuleError.NonFinalTx => "bad-txns-nonfinal",
        BlockRuleError.BadCoinbaseHeight => "bad-cb-height",
        BlockRuleError.BadWitnessNonceSize => "bad-witness-nonce-size",
        BlockRuleError.BadWitnessMerkleMatch => "bad-witness-merkle-match",
        BlockRuleError.UnexpectedWitness => "unexpected-witness",
        BlockRuleError.BadWeight => "bad-blk-weight",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>
    /// Core's BLOCK_MUTATED failures: the bytes do not match what the header commits to, so the
    /// block hash itself must not be marked invalid (another serialization may be valid).
    /// </summary>
    public static bool IsMutation(this BlockRuleError error) => error is BlockRuleError.Malformed or BlockRuleError.BadMerkleRoot
        or BlockRuleError.MutatedMerkleTree or BlockRuleError.BadWitnessNonceSize or BlockRuleError.BadWitnessMerkleMatch
        or BlockRuleError.UnexpectedWitness;
}
