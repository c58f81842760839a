using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Core's CheckTransaction (consensus/tx_check.cpp): the rules a transaction meets on its own.</summary>
public static class TransactionCheck
{
    /// <summary>Checks one transaction, reporting the first rule it breaks in Core's order.</summary>
    public static BlockRuleError Check(TransactionReader tx) => Check(tx, out _, out _);

    /// <summary>
    /// <see cref="Check(TransactionReader)"/> that also counts Core's GetLegacySigOpCount into
    /// <paramref name="legacySigOps"/> and finds whether every input's sequence is final (lock time disabled), in the
    /// same walk over the parts; both are only meaningful when the transaction passes. CheckBlock gets all three from
    /// the block's parse instead (<see cref="TxCheckTally"/>).
    /// </summary>
    public static BlockRuleError Check(TransactionReader tx, out int legacySigOps, out bool sequencesFinal)
    {
        var scratch = BlockCheckScratchPool.Rent();
        try
        {
            var tally = new TxCheckTally(scratch);
            TransactionReader.TryRead(tx.Raw, ref tally, out _, out _);
            return tally.Finish(tx, tx.IsCoinbase, out legacySigOps, out sequencesFinal);
        }
        finally
        {
            BlockCheckScratchPool.Return(scratch);
        }
    }

    /// <summary>Core's COutPoint::IsNull: a zero txid and index 0xffffffff.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNull(ReadOnlySpan<byte> prevOut) =>
        BinaryPrimitives.ReadUInt32LittleEndian(prevOut[32..36]) == uint.MaxValue && !prevOut[..32].ContainsAnyExcept((byte)0);
}
