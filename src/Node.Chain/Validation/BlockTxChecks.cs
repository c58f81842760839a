using System.Buffers;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// What CheckBlock learns from each transaction while the block is scanned and hashed, recorded
/// rather than judged: <see cref="BlockValidator"/> ranks the findings in Core's order once the
/// merkle root and the sizes have passed. Holds a pooled duplicate-input table; <see cref="Dispose"/>
/// returns it.
/// </summary>
internal struct BlockTxChecks : IBlockTxVisitor, IDisposable
{
    private int[]? _table;

    /// <summary>The first transaction is not a coinbase.</summary>
    public bool CoinbaseMissing { get; private set; }

    /// <summary>Index of the first coinbase after the first transaction, or -1.</summary>
    public int ExtraCoinbaseIndex { get; private set; }

    /// <summary>The first CheckTransaction failure, and its transaction's index.</summary>
    public BlockRuleError TxError { get; private set; }

    public int TxErrorIndex { get; private set; }

    /// <summary>Core's GetLegacySigOpCount over the block (not yet scaled), while no transaction has failed.</summary>
    public long SigOps { get; private set; }

    /// <summary>See <see cref="CheckedBlock.MaxHeightLock"/> and <see cref="CheckedBlock.MaxTimeLock"/>.</summary>
    public uint MaxHeightLock { get; private set; }

    public uint MaxTimeLock { get; private set; }

    public BlockTxChecks()
    {
        ExtraCoinbaseIndex = -1;
        TxErrorIndex = BlockValidationResult.NoTx;
    }

    public void Visit(int index, TransactionReader tx)
    {
        bool coinbase = tx.IsCoinbase;
        if (coinbase != (index == 0))
        {
            if (index == 0) CoinbaseMissing = true;
            else if (ExtraCoinbaseIndex < 0) ExtraCoinbaseIndex = index;
        }

        // After a failing transaction only the coinbase rules above can still outrank it: the block is invalid.
        if (TxError != BlockRuleError.None) return;
        var error = TransactionCheck.Check(tx, TableFor(tx.InputCount), out int sigOps, out bool sequencesFinal);
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

    // Not ArrayPool.Shared, for the reason BlockValidator's hash scratch gives.
    private static readonly ArrayPool<int> TableScratch = ArrayPool<int>.Create(maxArrayLength: 1 << 22, maxArraysPerBucket: 16);

    public void Dispose()
    {
        if (_table != null) TableScratch.Return(_table);
        _table = null;
    }

    private Span<int> TableFor(int inputCount)
    {
        int needed = DuplicateInputs.TableLength(inputCount);
        if (_table == null || _table.Length < needed)
        {
            if (_table != null) TableScratch.Return(_table);
            _table = TableScratch.Rent(needed);
        }
        return _table;
    }
}
