using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Core's CheckTransaction (consensus/tx_check.cpp): the rules a transaction meets on its own.</summary>
public static class TransactionCheck
{
    /// <summary>
    /// Checks one transaction, reporting the first rule it breaks in Core's order, in one walk over its
    /// outputs and one over its inputs. The same walks count Core's GetLegacySigOpCount into
    /// <paramref name="legacySigOps"/> and find whether every input's sequence is final (lock time
    /// disabled) for <paramref name="sequencesFinal"/>: CheckBlock needs both from every transaction.
    /// Those two are only meaningful when the transaction passes. <paramref name="table"/> is scratch for
    /// the duplicate input check, at least <see cref="DuplicateInputs.TableLength"/> entries.
    /// </summary>
    public static BlockRuleError Check(TransactionReader tx, Span<int> table, out int legacySigOps, out bool sequencesFinal)
    {
        legacySigOps = 0;
        sequencesFinal = false;
        if (tx.InputCount == 0) return BlockRuleError.NoInputs;
        if (tx.OutputCount == 0) return BlockRuleError.NoOutputs;
        if ((long)tx.StrippedSize * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight) return BlockRuleError.TxOversize;

        // The outputs first: their rules outrank every input rule.
        var error = CheckOutputs(tx, out int outputSigOps);
        if (error != BlockRuleError.None) return error;
        error = CheckInputs(tx, table, out int inputSigOps, out sequencesFinal);
        legacySigOps = outputSigOps + inputSigOps;
        return error;
    }

    /// <summary>Checks one transaction, renting the duplicate-input table from the shared pool when it needs one.</summary>
    public static BlockRuleError Check(TransactionReader tx)
    {
        int[] table = ArrayPool<int>.Shared.Rent(DuplicateInputs.TableLength(tx.InputCount));
        try
        {
            return Check(tx, table, out _, out _);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>Core's COutPoint::IsNull: a zero txid and index 0xffffffff.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNull(ReadOnlySpan<byte> prevOut) =>
        BinaryPrimitives.ReadUInt32LittleEndian(prevOut[32..36]) == uint.MaxValue && !prevOut[..32].ContainsAnyExcept((byte)0);

    /// <summary>Value ranges output by output, as Core: the first output breaking any of them names the rule.</summary>
    private static BlockRuleError CheckOutputs(TransactionReader tx, out int sigOps)
    {
        sigOps = 0;
        long total = 0;
        int count = 0;
        foreach (var output in tx.Outputs)
        {
            long value = output.Value;
            if ((ulong)value > ConsensusConstants.MaxMoney) return value < 0 ? BlockRuleError.OutputNegative : BlockRuleError.OutputTooLarge;
            total += value;
            if (total > ConsensusConstants.MaxMoney) return BlockRuleError.OutputTotalTooLarge;
            count += LegacySigOps.Of(output.ScriptPubKey);
        }
        sigOps = count;
        return BlockRuleError.None;
    }

    /// <summary>
    /// Duplicate outpoints anywhere outrank the coinbase scriptSig length and a null outpoint (Core checks
    /// them in two loops), so those are only noted while the walk goes on looking for a duplicate.
    /// </summary>
    private static BlockRuleError CheckInputs(TransactionReader tx, Span<int> table, out int sigOps, out bool sequencesFinal)
    {
        sigOps = 0;
        sequencesFinal = false;
        bool coinbase = tx.IsCoinbase;
        var duplicates = new DuplicateInputs(tx.Raw, tx.InputCount, table);
        var noted = BlockRuleError.None;
        int count = 0;
        bool final = true;
        foreach (var input in tx.Inputs)
        {
            var prevOut = input.PrevOut;
            if (duplicates.SeenBefore(prevOut)) return BlockRuleError.DuplicateInputs;
            var scriptSig = input.ScriptSig;
            if (coinbase)
            {
                if (scriptSig.Length is < 2 or > 100) noted = BlockRuleError.CoinbaseLength;
            }
            else if (IsNull(prevOut)) noted = BlockRuleError.NullPrevout;
            count += LegacySigOps.Of(scriptSig);
            final &= input.Sequence == TxFinality.SequenceFinal;
        }
        sigOps = count;
        sequencesFinal = final;
        return noted;
    }
}
