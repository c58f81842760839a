using System.Globalization;
using Node.Primitives;

namespace Node.Chain.Validation;

/// <summary>
/// The verdict on one header: which header, and when it fails, which rule with the offending value
/// and the value the rule required. A struct, so validating allocates nothing; text is built only
/// when asked for.
/// </summary>
public readonly record struct HeaderValidationResult(RuleError Error, int Height, Hash256 Hash, long Actual, long Required)
{
    /// <summary>Height when the header's place in the chain is not known yet (context-free checks).</summary>
    public const int UnknownHeight = -1;

    public bool IsValid => Error == RuleError.None;

    public static HeaderValidationResult Valid(int height, in Hash256 hash) => new(RuleError.None, height, hash, 0, 0);

    /// <summary>Bitcoin Core's reject reason for the same failure.</summary>
    public string CoreReason => Error switch
    {
        RuleError.None => "",
        RuleError.InvalidTarget or RuleError.TargetAbovePowLimit or RuleError.HighHash => "high-hash",
        RuleError.PrevBlockUnknown => "prev-blk-not-found",
        RuleError.PrevBlockInvalid => "bad-prevblk",
        RuleError.BadDiffBits => "bad-diffbits",
        RuleError.TimeTooOld => "time-too-old",
        RuleError.TimeTooNew => "time-too-new",
        RuleError.TimewarpAttack => "time-timewarp-attack",
        RuleError.BadVersion => string.Create(CultureInfo.InvariantCulture, $"bad-version(0x{(uint)Actual:x8})"),
        RuleError.CheckpointMismatch => "checkpoint mismatch",
        RuleError.ForkBelowCheckpoint => "bad-fork-prior-to-checkpoint",
        RuleError.KnownInvalid => "duplicate",
        _ => Error.ToString(),
    };

    public override string ToString()
    {
        if (IsValid) return string.Create(CultureInfo.InvariantCulture, $"header {Hash} at height {Height}: valid");
        string where = Height == UnknownHeight ? "" : string.Create(CultureInfo.InvariantCulture, $" at height {Height}");
        string why = Error switch
        {
            RuleError.InvalidTarget => $"nBits 0x{Actual:x8} is a negative, zero or overflowing target",
            RuleError.TargetAbovePowLimit => $"nBits 0x{Actual:x8} is easier than the pow limit 0x{Required:x8}",
            RuleError.HighHash => $"hash is above the target of nBits 0x{Actual:x8}",
            RuleError.PrevBlockUnknown => "its parent is not known",
            RuleError.PrevBlockInvalid => "its parent is invalid",
            RuleError.BadDiffBits => $"nBits 0x{Actual:x8}, required 0x{Required:x8}",
            RuleError.TimeTooOld => $"time {Actual} is not after the median time past {Required}",
            RuleError.TimeTooNew => $"time {Actual} is after {Required} (now + 2 h)",
            RuleError.TimewarpAttack => $"time {Actual} is before {Required} (parent's time - 600 s) at a period start",
            RuleError.BadVersion => $"version {Actual} is below the required {Required}",
            RuleError.CheckpointMismatch => "the hash differs from the checkpoint at this height",
            RuleError.ForkBelowCheckpoint => $"it forks below the last checkpoint held, at height {Required}",
            RuleError.KnownInvalid => "it is known to be invalid, or to descend from an invalid block",
            _ => Error.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"header {Hash}{where} rejected, {CoreReason}: {why}");
    }
}
