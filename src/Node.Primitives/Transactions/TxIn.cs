namespace Node.Primitives.Transactions;

/// <summary>A materialized transaction input (convenience model; the hot path uses <see cref="TxInput"/>).</summary>
public sealed class TxIn
{
    public Hash256 PrevTxId { get; set; }
    public uint PrevIndex { get; set; }
    public byte[] ScriptSig { get; set; } = [];
    public uint Sequence { get; set; }
    public List<byte[]> Witness { get; set; } = [];
}
