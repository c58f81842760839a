using System.Buffers.Binary;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Hashing;

namespace Node.Chain.Mining;

/// <summary>
/// Serializes a coinbase as Core's miner does: scriptSig <c>CScript() &lt;&lt; height &lt;&lt; CScriptNum(extraNonce)</c>
/// (extra nonce 0 is the OP_0 of CreateNewBlock), one output paying the block reward, and with a
/// witness commitment the OP_RETURN output after it and the 32-zero-byte witness reserved value.
/// </summary>
public static class CoinbaseWriter
{
    /// <summary>Consensus bounds on a coinbase scriptSig (Core's bad-cb-length).</summary>
    public const int MinScriptSigSize = 2, MaxScriptSigSize = 100;

    public const int Version = 2;

    /// <summary>OP_RETURN, push 36, the tag aa21a9ed, then the 32-byte commitment.</summary>
    public const int CommitmentScriptLength = 38;

    /// <summary>Longest scriptSig this writer makes: a height push and a 5-byte push of the nonce.</summary>
    private const int MaxOwnScriptSig = CoinbaseHeight.MaxEncodedLength + 6;

    /// <summary>An upper bound on the coinbase's serialized size for a payout script of this length.</summary>
    public static int MaxSize(int payoutScriptLength) =>
        4 + 2 + 1 + 36 + 1 + MaxOwnScriptSig + 4 + 1
        + 8 + CompactSize.EncodedLength((ulong)payoutScriptLength) + payoutScriptLength
        + 8 + 1 + CommitmentScriptLength
        + 1 + 1 + 32 + 4;

    /// <summary>Writes the scriptSig; returns its length.</summary>
    public static int WriteScriptSig(Span<byte> destination, int height, uint extraNonce)
    {
        int n = CoinbaseHeight.Encode(height, destination);
        return n + WriteScriptNumPush(destination[n..], extraNonce);
    }

    /// <summary>
    /// Writes the coinbase of the block at <paramref name="height"/> and returns its length.
    /// <paramref name="witnessCommitment"/> (SHA256d of witness root and reserved value) adds the
    /// commitment output and the coinbase witness; null writes a transaction without witness.
    /// </summary>
    public static int Write(Span<byte> destination, int height, uint extraNonce, long value, ReadOnlySpan<byte> payoutScript,
        Hash256? witnessCommitment, out Hash256 txid)
    {
        if (destination.Length < MaxSize(payoutScript.Length))
            throw new ArgumentException("the coinbase needs MaxSize bytes of room", nameof(destination));
        bool witness = witnessCommitment.HasValue;
        var d = destination;
        BinaryPrimitives.WriteInt32LittleEndian(d, Version);
        int p = 4;
        if (witness)
        {
            d[p++] = 0x00; // marker
            d[p++] = 0x01; // flag
        }
        int bodyStart = p;
        d[p++] = 1;
        d.Slice(p, 32).Clear();
        p += 32;
        BinaryPrimitives.WriteUInt32LittleEndian(d[p..], uint.MaxValue);
        p += 4;
        int scriptSigLength = WriteScriptSig(d[(p + 1)..], height, extraNonce);
        d[p] = (byte)scriptSigLength;
        p += 1 + scriptSigLength;
        BinaryPrimitives.WriteUInt32LittleEndian(d[p..], uint.MaxValue);
        p += 4;

        d[p++] = (byte)(witness ? 2 : 1);
        BinaryPrimitives.WriteInt64LittleEndian(d[p..], value);
        p += 8;
        p += CompactSize.Write(d[p..], (ulong)payoutScript.Length);
        payoutScript.CopyTo(d[p..]);
        p += payoutScript.Length;
        if (witness)
        {
            BinaryPrimitives.WriteInt64LittleEndian(d[p..], 0);
            p += 8;
            d[p++] = CommitmentScriptLength;
            WitnessCommitment.ScriptPrefix.CopyTo(d[p..]);
            witnessCommitment!.Value.WriteTo(d[(p + WitnessCommitment.ScriptPrefix.Length)..]);
            p += CommitmentScriptLength;
        }
        int bodyEnd = p;
        if (witness)
        {
            d[p++] = 1;  // one stack item
            d[p++] = 32; // the witness reserved value: 32 zero bytes
            d.Slice(p, 32).Clear();
            p += 32;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(d[p..], 0);
        p += 4;

        txid = witness ? TxHashes.StrippedTxId(d[..p], bodyStart, bodyEnd) : Sha256.DoubleHash(d[..p]);
        return p;
    }

    /// <summary>The commitment a coinbase carries for a block whose witness merkle root is <paramref name="witnessRoot"/>.</summary>
    public static Hash256 CommitmentFor(in Hash256 witnessRoot)
    {
        Span<byte> buffer = stackalloc byte[64];
        witnessRoot.WriteTo(buffer);
        buffer[32..].Clear(); // the witness reserved value
        return Sha256.DoubleHash(buffer);
    }

    /// <summary>Core's <c>CScript() &lt;&lt; CScriptNum(n)</c>: a data push of the minimal script number (OP_0 for zero).</summary>
    private static int WriteScriptNumPush(Span<byte> destination, uint value)
    {
        int length = 0;
        for (uint v = value; v != 0; v >>= 8) destination[1 + length++] = (byte)v;
        if (length > 0 && (destination[length] & 0x80) != 0) destination[1 + length++] = 0;
        destination[0] = (byte)length;
        return 1 + length;
    }
}
