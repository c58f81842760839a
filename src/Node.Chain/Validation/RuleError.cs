namespace Node.Chain.Validation;

/// <summary>Why a header (and later a block) breaks a consensus rule. Core's reject reason in brackets.</summary>
public enum RuleError : byte
{
    None = 0,

    /// <summary>nBits decodes to a negative, zero or overflowing target [high-hash].</summary>
    InvalidTarget,

    /// <summary>nBits decodes to a target easier than the network's pow limit [high-hash].</summary>
    TargetAbovePowLimit,

    /// <summary>The header's hash is above the target its nBits claims [high-hash].</summary>
    HighHash,

    /// <summary>The parent header is not known [prev-blk-not-found].</summary>
    PrevBlockUnknown,

    /// <summary>The parent header is known to be invalid; set by the block index [bad-prevblk].</summary>
    PrevBlockInvalid,

    /// <summary>nBits is not the difficulty the chain requires at this height [bad-diffbits].</summary>
    BadDiffBits,

    /// <summary>The timestamp is not after the median of the previous 11 [time-too-old].</summary>
    TimeTooOld,

    /// <summary>The timestamp is more than 2 hours ahead of the node's clock [time-too-new].</summary>
    TimeTooNew,

    /// <summary>BIP94: a period's first block is more than 600 s before its parent [time-timewarp-attack].</summary>
    TimewarpAttack,

    /// <summary>The version is below the minimum of a buried soft fork (BIP34, 66, 65) [bad-version(0x%08x)].</summary>
    BadVersion,

    /// <summary>The header sits at a checkpoint height with a different hash [checkpoint mismatch].</summary>
    CheckpointMismatch,

    /// <summary>The header forks below the last checkpoint the node holds [bad-fork-prior-to-checkpoint].</summary>
    ForkBelowCheckpoint,

    /// <summary>The block is already known to be invalid, or descends from one that is [duplicate].</summary>
    KnownInvalid,
}
