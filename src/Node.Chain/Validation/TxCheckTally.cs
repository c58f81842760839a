using System.Buffers.Binary;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// The rules of Core's CheckTransaction that look at each input and output, noted part by part as the reader's own
/// walk decodes them (so nothing walks the parts a second time), with the legacy sigops and the sequence finality of
/// the same parts. <see cref="Finish"/> then names the rule Core reports first, whatever else also broke, and starts
/// over for the next transaction. The duplicate-input table is <paramref name="scratch"/>'s.
/// </summary>
internal struct TxCheckTally(BlockCheckScratch scratch) : ITxPartVisitor
{
    private DuplicateInputs _duplicates = new(scratch);
    private Findings _found;

    /// <summary>What the parts of the current transaction showed.</summary>
    private struct Findings
    {
        public long Total;
        public int SigOps;
        public BlockRuleError OutputError;
        public bool Duplicate, NullPrevout, ScriptSigOutsideCoinbaseRange, NonFinal;
    }

    public void Inputs(int count) => _duplicates.Begin(count);

    public void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength)
    {
        if (!_found.Duplicate && _duplicates.SeenBefore(tx, offset)) _found.Duplicate = true;
        if (TransactionCheck.IsNull(tx.Slice(offset, 36))) _found.NullPrevout = true;
        if (scriptLength is < 2 or > 100) _found.ScriptSigOutsideCoinbaseRange = true;
        _found.SigOps += LegacySigOps.Of(tx.Slice(scriptOffset, scriptLength));
        if (BinaryPrimitives.ReadUInt32LittleEndian(tx.Slice(scriptOffset + scriptLength, 4)) != TxFinality.SequenceFinal) _found.NonFinal = true;
    }

    public void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength)
    {
        // Core stops at the first output breaking a value rule: later ones neither name the rule nor add up.
        if (_found.OutputError == BlockRuleError.None)
        {
            long value = BinaryPrimitives.ReadInt64LittleEndian(tx.Slice(offset, 8));
            if ((ulong)value > ConsensusConstants.MaxMoney) _found.OutputError = value < 0 ? BlockRuleError.OutputNegative : BlockRuleError.OutputTooLarge;
            else if ((_found.Total += value) > ConsensusConstants.MaxMoney) _found.OutputError = BlockRuleError.OutputTotalTooLarge;
        }
        _found.SigOps += LegacySigOps.Of(tx.Slice(scriptOffset, scriptLength));
    }

    /// <summary>
    /// The first rule <paramref name="tx"/>, whose parts were all noted, breaks in Core's order: sizes, then the
    /// outputs, then a duplicate input anywhere, then the coinbase scriptSig length (<paramref name="coinbase"/>: it is
    /// one) or a null outpoint. The sigop count and sequence finality are only meaningful when it passes.
    /// </summary>
    public BlockRuleError Finish(TransactionReader tx, bool coinbase, out int legacySigOps, out bool sequencesFinal)
    {
        var found = _found;
        _found = default;
        legacySigOps = found.SigOps;
        sequencesFinal = !found.NonFinal;
        if (tx.InputCount == 0) return BlockRuleError.NoInputs;
        if (tx.OutputCount == 0) return BlockRuleError.NoOutputs;
        if ((long)tx.StrippedSize * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight) return BlockRuleError.TxOversize;
        if (found.OutputError != BlockRuleError.None) return found.OutputError;
        if (found.Duplicate) return BlockRuleError.DuplicateInputs;
        if (coinbase) return found.ScriptSigOutsideCoinbaseRange ? BlockRuleError.CoinbaseLength : BlockRuleError.None;
        return found.NullPrevout ? BlockRuleError.NullPrevout : BlockRuleError.None;
    }
}
