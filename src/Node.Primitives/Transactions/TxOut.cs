namespace Node.Primitives.Transactions;

/// <summary>A materialized transaction output (convenience model; the hot path uses <see cref="TxOutput"/>).</summary>
public sealed class TxOut
{
    public long Value { get; set; }
    public byte[] ScriptPubKey { get; set; } = [];
}
