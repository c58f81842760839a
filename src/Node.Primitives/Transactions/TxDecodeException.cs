namespace Node.Primitives.Transactions;

/// <summary>Thrown by the throwing decoders; <see cref="Error"/> names the reason.</summary>
public sealed class TxDecodeException(TxDecodeError error)
    : Exception($"malformed transaction data: {error}")
{
    public TxDecodeError Error { get; } = error;
}
