using System.Buffers;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Core's CheckTransaction (consensus/tx_check.cpp): the rules a transaction meets on its own.</summary>
public static class TransactionCheck
{
    /// <summary>
    /// Checks one transaction, in Core's order. <paramref name="table"/> is scratch for the duplicate
    /// input check: at least <see cref="DuplicateInputs.TableLength"/> entries for its input count.
    /// </summary>
    public static BlockRuleError Check(TransactionReader tx, Span<int> table)
    {
        if (tx.InputCount == 0) return BlockRuleError.NoInputs;
        if (tx.OutputCount == 0) return BlockRuleError.NoOutputs;
        if ((long)tx.StrippedSize * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight) return BlockRuleError.TxOversize;

        long total = 0;
        foreach (var output in tx.Outputs)
        {
            if (output.Value < 0) return BlockRuleError.OutputNegative;
            if (output.Value > ConsensusConstants.MaxMoney) return BlockRuleError.OutputTooLarge;
            total += output.Value;
            if (total > ConsensusConstants.MaxMoney) return BlockRuleError.OutputTotalTooLarge;
        }

        if (DuplicateInputs.Any(tx, table)) return BlockRuleError.DuplicateInputs;

        if (tx.IsCoinbase)
        {
            foreach (var input in tx.Inputs)
                if (input.ScriptSig.Length is < 2 or > 100) return BlockRuleError.CoinbaseLength;
        }
        else
        {
            foreach (var input in tx.Inputs)
                if (IsNull(input.PrevOut)) return BlockRuleError.NullPrevout;
        }
        return BlockRuleError.None;
    }

    /// <summary>Checks one transaction, renting the duplicate-input table from the shared pool when it needs one.</summary>
    public static BlockRuleError Check(TransactionReader tx)
    {
        int needed = DuplicateInputs.TableLength(tx.InputCount);
        if (needed == 0) return Check(tx, Span<int>.Empty);
        int[] table = ArrayPool<int>.Shared.Rent(needed);
        try
        {
            return Check(tx, table);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>Core's COutPoint::IsNull: a zero txid and index 0xffffffff.</summary>
    public static bool IsNull(ReadOnlySpan<byte> prevOut) =>
        !prevOut[32..36].ContainsAnyExcept((byte)0xff) && !prevOut[..32].ContainsAnyExcept((byte)0);
}
