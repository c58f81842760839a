using System.Buffers.Binary;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// The rules of Core's CheckTransaction that look at each input and output, noted part by part as the reader's own
/// walk decodes them (so nothing walks the parts a second time), with the legacy sigops and the sequence finality of
/// the same parts. <see cref="Finish"/> then names the rule Core reports first, whatever else also broke, and starts
/// over for the next transaction. Holds a pooled table; <see cref="Dispose"/> returns it.
/// </summary>
internal struct TxCheckTally : ITxPartVisitor, IDisposable
{
    private DuplicateInputs _duplicates;
    private long _total;
    private int _sigOps;
    private BlockRuleError _outputError;
    private bool _duplicate, _nullPrevout, _scriptSigOutsideCoinbaseRange, _nonFinal;

    public void Inputs(int count) => _duplicates.Begin(count);

    public void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength)
    {
        if (!_duplicate && _duplicates.SeenBefore(tx, offset)) _duplicate = true;
        if (TransactionCheck.IsNull(tx.Slice(offset, 36))) _nullPrevout = true;
        if (scriptLength is < 2 or > 100) _scriptSigOutsideCoinbaseRange = true;
        _sigOps += LegacySigOps.Of(tx.Slice(scriptOffset, scriptLength));
        if (BinaryPrimitives.ReadUInt32LittleEndian(tx.Slice(scriptOffset + scriptLength, 4)) != TxFinality.SequenceFinal) _nonFinal = true;
    }

    public void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength)
    {
        // Core stops at the first output breaking a value rule: later ones neither name the rule nor add up.
        if (_outputError == BlockRuleError.None)
        {
            long value = BinaryPrimitives.ReadInt64LittleEndian(tx.Slice(offset, 8));
            if ((ulong)value > ConsensusConstants.MaxMoney) _outputError = value < 0 ? BlockRuleError.OutputNegative : BlockRuleError.OutputTooLarge;
            else if ((_total += value) > ConsensusConstants.MaxMoney) _outputError = BlockRuleError.OutputTotalTooLarge;
        }
        _sigOps += LegacySigOps.Of(tx.Slice(scriptOffset, scriptLength));
    }

    /// <summary>
    /// The first rule <paramref name="tx"/>, whose parts were all noted, breaks in Core's order: sizes, then the
    /// outputs, then a duplicate input anywhere, then the coinbase scriptSig length or a null outpoint. The sigop
    /// count and sequence finality are only meaningful when it passes.
    /// </summary>
    public BlockRuleError Finish(TransactionReader tx, out int legacySigOps, out bool sequencesFinal)
    {
        legacySigOps = _sigOps;
        sequencesFinal = !_nonFinal;
        var error =
            tx.InputCount == 0 ? BlockRuleError.NoInputs
            : tx.OutputCount == 0 ? BlockRuleError.NoOutputs
            : (long)tx.StrippedSize * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight ? BlockRuleError.TxOversize
            : _outputError != BlockRuleError.None ? _outputError
            : _duplicate ? BlockRuleError.DuplicateInputs
            : tx.IsCoinbase ? (_scriptSigOutsideCoinbaseRange ? BlockRuleError.CoinbaseLength : BlockRuleError.None)
            : _nullPrevout ? BlockRuleError.NullPrevout
            : BlockRuleError.None;
        _total = 0;
        _sigOps = 0;
        _outputError = BlockRuleError.None;
        _duplicate = _nullPrevout = _scriptSigOutsideCoinbaseRange = _nonFinal = false;
        return error;
    }

    public void Dispose() => _duplicates.Dispose();
}
