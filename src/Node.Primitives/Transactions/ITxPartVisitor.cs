namespace Node.Primitives.Transactions;

/// <summary>
/// Sees each input and output while <see cref="TransactionReader.TryRead{TParts}"/> decodes a transaction, so that a
/// caller learning something from every part needs no second walk over them (a struct, so the calls inline). Parts
/// come in serialization order, inputs first; each is whole (its bytes are within <c>tx</c>), but the transaction
/// may still turn out malformed after it.
/// </summary>
public interface ITxPartVisitor
{
    /// <summary>The transaction's input count, before its inputs (not called for a transaction without any).</summary>
    void Inputs(int count);

    /// <summary>
    /// An input at <paramref name="offset"/> in <paramref name="tx"/> (which starts at the transaction): its 36-byte
    /// outpoint there, its scriptSig of <paramref name="scriptLength"/> bytes at <paramref name="scriptOffset"/>, then
    /// its 4-byte sequence.
    /// </summary>
    void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength);

    /// <summary>An output at <paramref name="offset"/>: its 8-byte value there, its scriptPubKey of <paramref name="scriptLength"/> bytes at <paramref name="scriptOffset"/>.</summary>
    void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength);
}
