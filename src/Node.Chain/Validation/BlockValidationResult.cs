using System.Globalization;
using Node.Primitives;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// The verdict on one block: which block, and when it fails, which rule and (for rules about one
/// transaction) the index of the first offending transaction. A struct: validating allocates nothing.
/// </summary>
public readonly record struct BlockValidationResult(BlockRuleError Error, Hash256 Hash, int TxIndex, int Height, TxDecodeError DecodeError)
{
    /// <summary>Height when it is not known (context-free checks).</summary>
    public const int UnknownHeight = -1;

    /// <summary>TxIndex of a rule about the block as a whole.</summary>
    public const int NoTx = -1;

    public bool IsValid => Error == BlockRuleError.None;

    /// <summary>Bitcoin Core's reject reason ("" when valid).</summary>
    public string RejectReason => Error.ToRejectReason();

    public static BlockValidationResult Valid(in Hash256 hash, int height) => new(BlockRuleError.None, hash, NoTx, height, TxDecodeError.None);

    public static BlockValidationResult Invalid(BlockRuleError error, in Hash256 hash, int txIndex, int height) =>
        new(error, hash, txIndex, height, TxDecodeError.None);

    /// <summary>Throws <see cref="BlockValidationException"/> unless valid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new BlockValidationException(this);
    }

    public override string ToString()
    {
        string where = Height == UnknownHeight ? "" : string.Create(CultureInfo.InvariantCulture, $" at height {Height}");
        if (IsValid) return $"block {Hash}{where}: valid";
        string tx = TxIndex == NoTx ? "" : string.Create(CultureInfo.InvariantCulture, $" (transaction {TxIndex})");
        string decode = Error == BlockRuleError.Malformed ? $": {DecodeError}" : "";
        return $"block {Hash}{where} rejected, {RejectReason}{tx}{decode}";
    }
}
