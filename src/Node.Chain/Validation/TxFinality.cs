using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Lock time finality (Core's IsFinalTx, consensus/tx_verify.cpp).</summary>
public static class TxFinality
{
    public const uint SequenceFinal = uint.MaxValue;

    /// <summary>
    /// Final when the lock time is 0, or below the height (height locks) or the cutoff time (time
    /// locks), or when every input's sequence is final.
    /// </summary>
    public static bool IsFinal(TransactionReader tx, int height, long lockTimeCutoff)
    {
        uint lockTime = tx.LockTime;
        if (lockTime == 0) return true;
        if (lockTime < (lockTime < ConsensusConstants.LocktimeThreshold ? height : lockTimeCutoff)) return true;
        return AllSequencesFinal(tx);
    }

    /// <summary>True when no input's sequence enables the lock time.</summary>
    public static bool AllSequencesFinal(TransactionReader tx)
    {
        foreach (var input in tx.Inputs)
            if (input.Sequence != SequenceFinal) return false;
        return true;
    }
}
