using System.Buffers.Binary;
using Node.Primitives;
using Node.Primitives.Hashing;

namespace Node.Chain.Mining;

/// <summary>
/// Writes a version-2 segwit transaction spending P2WSH(OP_TRUE) coins (empty scriptSigs, witness
/// [OP_TRUE]) into P2WSH(OP_TRUE) outputs, straight into the block body's buffer.
/// </summary>
internal static class SpendWriter
{
    private const int InputSize = 32 + 4 + 1 + 4;
    private const int OutputSize = 8 + 1 + OpTrueScript.ScriptPubKeyLength;
    private const int WitnessPerInput = 3; // one item, length 1, OP_TRUE
    /// <summary>Opts in to replacement and leaves BIP68 relative lock times disabled.</summary>
    private const uint Sequence = 0xfffffffd;

    public static int Size(int inputs, int outputs) =>
        4 + 2 + CompactSize.EncodedLength((ulong)inputs) + inputs * (InputSize + WitnessPerInput)
        + CompactSize.EncodedLength((ulong)outputs) + outputs * OutputSize + 4;

    public static int StrippedSize(int inputs, int outputs) => Size(inputs, outputs) - 2 - inputs * WitnessPerInput;

    /// <summary>Writes the transaction (exactly <see cref="Size"/> bytes) and returns its txid and wtxid.</summary>
    public static void Write(Span<byte> d, ReadOnlySpan<Coin> inputs, ReadOnlySpan<long> outputValues, out Hash256 txid, out Hash256 wtxid)
    {
        BinaryPrimitives.WriteInt32LittleEndian(d, 2);
        d[4] = 0x00;
        d[5] = 0x01;
        int p = 6;
        int bodyStart = p;
        p += CompactSize.Write(d[p..], (ulong)inputs.Length);
        foreach (ref readonly var coin in inputs)
        {
            coin.TxId.WriteTo(d[p..]);
            BinaryPrimitives.WriteUInt32LittleEndian(d[(p + 32)..], coin.Index);
            d[p + 36] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(d[(p + 37)..], Sequence);
            p += InputSize;
        }
        p += CompactSize.Write(d[p..], (ulong)outputValues.Length);
        var script = OpTrueScript.ScriptPubKey.Span;
        foreach (long value in outputValues)
        {
            BinaryPrimitives.WriteInt64LittleEndian(d[p..], value);
            d[p + 8] = OpTrueScript.ScriptPubKeyLength;
            script.CopyTo(d[(p + 9)..]);
            p += OutputSize;
        }
        int bodyEnd = p;
        for (int i = 0; i < inputs.Length; i++)
        {
            d[p] = 1;
            d[p + 1] = 1;
            d[p + 2] = OpTrueScript.WitnessScript[0];
            p += WitnessPerInput;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(d[p..], 0);
        p += 4;
        var tx = d[..p];
        txid = TxHashes.StrippedTxId(tx, bodyStart, bodyEnd);
        wtxid = Sha256.DoubleHash(tx);
    }
}
