using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// What CheckBlock learns from each transaction while the block is scanned and hashed, recorded
/// rather than judged: <see cref="BlockValidator"/> ranks the findings in Core's order once the
/// merkle root and the sizes have passed. The duplicate-input table is the check's scratch.
/// </summary>
internal struct BlockTxChecks(BlockCheckScratch scratch) : IBlockTxVisitor
{
    /// <summary>The first transaction is not a coinbase.</summary>
    public bool CoinbaseMissing { get; private set; }

    /// <summary>Index of the first coinbase after the first transaction, or -1.</summary>
    public int ExtraCoinbaseIndex { get; private set; } = -1;

    /// <summary>The first CheckTransaction failure, and its transaction's index.</summary>
    public BlockRuleError TxError { get; private set; }

    public int TxErrorIndex { get; private set; } = BlockValidationResult.NoTx;

    /// <summary>Core's GetLegacySigOpCount over the block (not yet scaled).</summary>
    public long SigOps { get; private set; }

    /// <summary>See <see cref="CheckedBlock.MaxHeightLock"/> and <see cref="CheckedBlock.MaxTimeLock"/>.</summary>
    public uint MaxHeightLock { get; private set; }

    public uint MaxTimeLock { get; private set; }

    public void Visit(int index, TransactionReader tx)
    {
        bool coinbase = tx.IsCoinbase;
        if (coinbase != (index == 0))
        {
            if (index == 0) CoinbaseMissing = true;
            else if (ExtraCoinbaseIndex < 0) ExtraCoinbaseIndex = index;
        }

        if (TxError == BlockRuleError.None)
        {
            TxError = TransactionCheck.Check(tx, TableFor(tx.InputCount));
            if (TxError != BlockRuleError.None) TxErrorIndex = index;
        }
        SigOps += LegacySigOps.Count(tx);

        uint lockTime = tx.LockTime;
        if (lockTime != 0 && !TxFinality.AllSequencesFinal(tx))
        {
            if (lockTime < ConsensusConstants.LocktimeThreshold) MaxHeightLock = Math.Max(MaxHeightLock, lockTime);
            else MaxTimeLock = Math.Max(MaxTimeLock, lockTime);
        }
    }

    private readonly Span<int> TableFor(int inputCount)
    {
        int needed = DuplicateInputs.TableLength(inputCount);
        return needed == 0 ? Span<int>.Empty : scratch.Table(needed);
    }
}
