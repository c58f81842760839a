using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// What CheckBlock learns from each transaction while the block is scanned and hashed, recorded
/// rather than judged: <see cref="BlockValidator"/> ranks the findings in Core's order once the
/// merkle root and the sizes have passed. The inputs and outputs are checked as the scan decodes
/// them (<see cref="TxCheckTally"/>), each transaction when it is whole; the duplicate-input table
/// is the check's scratch.
/// </summary>
internal struct BlockTxChecks(BlockCheckScratch scratch) : IBlockTxVisitor
{
    private TxCheckTally _tally = new(scratch);

    /// <summary>The first transaction is not a coinbase.</summary>
    public bool CoinbaseMissing { get; private set; }

    /// <summary>Index of the first coinbase after the first transaction, or -1.</summary>
    public int ExtraCoinbaseIndex { get; private set; } = -1;

    /// <summary>The first CheckTransaction failure, and its transaction's index.</summary>
    public BlockRuleError TxError { get; private set; }

    public int TxErrorIndex { get; private set; } = BlockValidationResult.NoTx;

    /// <summary>Core's GetLegacySigOpCount over the block (not yet scaled), while no transaction has failed.</summary>
    public long SigOps { get; private set; }

    /// <summary>See <see cref="CheckedBlock.MaxHeightLock"/> and <see cref="CheckedBlock.MaxTimeLock"/>.</summary>
    public uint MaxHeightLock { get; private set; }

    public uint MaxTimeLock { get; private set; }

    public void Inputs(int count) => _tally.Inputs(count);

    public void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) =>
        _tally.Input(tx, offset, scriptOffset, scriptLength);

    public void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) =>
        _tally.Output(tx, offset, scriptOffset, scriptLength);

    public void Visit(int index, TransactionReader tx)
    {
        bool coinbase = tx.IsCoinbase;
        if (coinbase != (index == 0))
        {
            if (index == 0) CoinbaseMissing = true;
            else if (ExtraCoinbaseIndex < 0) ExtraCoinbaseIndex = index;
        }

        var error = _tally.Finish(tx, coinbase, out int sigOps, out bool sequencesFinal);
        // After a failing transaction only the coinbase rules above can still outrank it: the block is invalid.
        if (TxError != BlockRuleError.None) return;
        if (error != BlockRuleError.None)
        {
            TxError = error;
            TxErrorIndex = index;
            return;
        }
        SigOps += sigOps;

        uint lockTime = tx.LockTime;
        if (lockTime != 0 && !sequencesFinal)
        {
            if (lockTime < ConsensusConstants.LocktimeThreshold) MaxHeightLock = Math.Max(MaxHeightLock, lockTime);
            else MaxTimeLock = Math.Max(MaxTimeLock, lockTime);
        }
    }
}
