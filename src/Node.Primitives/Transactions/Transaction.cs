using System.Buffers.Binary;
using Node.Primitives.Hashing;

namespace Node.Primitives.Transactions;

/// <summary>
/// A materialized transaction for RPC, tests and tools: it allocates, so the hot path reads with
/// <see cref="TransactionReader"/> instead. Serializes back to the exact bytes it was parsed from.
/// </summary>
public sealed class Transaction
{
    public int Version { get; set; }
    public List<TxIn> Inputs { get; set; } = [];
    public List<TxOut> Outputs { get; set; } = [];
    public uint LockTime { get; set; }

    /// <summary>Some input has a non-empty witness stack (so it serializes with marker and flag).</summary>
    public bool HasWitness
    {
        get
        {
            foreach (var input in Inputs)
                if (input.Witness.Count != 0) return true;
            return false;
        }
    }

    /// <summary>Parses a transaction that fills <paramref name="data"/> exactly; throws <see cref="TxDecodeException"/>.</summary>
    public static Transaction Parse(ReadOnlySpan<byte> data) => From(TransactionReader.Read(data));

    public static Transaction From(TransactionReader reader)
    {
        var tx = new Transaction
        {
            Version = reader.Version,
            LockTime = reader.LockTime,
            Inputs = new List<TxIn>(reader.InputCount),
            Outputs = new List<TxOut>(reader.OutputCount),
        };
        foreach (var input in reader.Inputs)
        {
            tx.Inputs.Add(new TxIn
            {
                PrevTxId = new Hash256(input.PrevTxId),
                PrevIndex = input.PrevIndex,
                ScriptSig = input.ScriptSig.ToArray(),
                Sequence = input.Sequence,
            });
        }
        foreach (var output in reader.Outputs)
            tx.Outputs.Add(new TxOut { Value = output.Value, ScriptPubKey = output.ScriptPubKey.ToArray() });
        int index = 0;
        foreach (var stack in reader.Witnesses)
        {
            var items = tx.Inputs[index++].Witness;
            foreach (var item in stack) items.Add(item.ToArray());
        }
        return tx;
    }

    public int GetSerializedSize(bool withWitness = true)
    {
        bool witness = withWitness && HasWitness;
        int size = 4 + CompactSize.EncodedLength((ulong)Inputs.Count) + CompactSize.EncodedLength((ulong)Outputs.Count) + 4;
        if (witness) size += 2;
        foreach (var input in Inputs)
        {
            size += 36 + VarBytesSize(input.ScriptSig) + 4;
            if (!witness) continue;
            size += CompactSize.EncodedLength((ulong)input.Witness.Count);
            foreach (var item in input.Witness) size += VarBytesSize(item);
        }
        foreach (var output in Outputs) size += 8 + VarBytesSize(output.ScriptPubKey);
        return size;
    }

    /// <summary>Writes the serialization (with witness when there is one and <paramref name="withWitness"/>); returns its length.</summary>
    public int WriteTo(Span<byte> destination, bool withWitness = true)
    {
        bool witness = withWitness && HasWitness;
        int pos = 0;
        BinaryPrimitives.WriteInt32LittleEndian(destination, Version);
        pos += 4;
        if (witness)
        {
            destination[pos++] = 0;
            destination[pos++] = 1;
        }
        pos += CompactSize.Write(destination[pos..], (ulong)Inputs.Count);
        foreach (var input in Inputs)
        {
            input.PrevTxId.WriteTo(destination[pos..]);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(pos + 32)..], input.PrevIndex);
            pos += 36;
            pos += WriteVarBytes(destination[pos..], input.ScriptSig);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[pos..], input.Sequence);
            pos += 4;
        }
        pos += CompactSize.Write(destination[pos..], (ulong)Outputs.Count);
        foreach (var output in Outputs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination[pos..], output.Value);
            pos += 8;
            pos += WriteVarBytes(destination[pos..], output.ScriptPubKey);
        }
        if (witness)
        {
            foreach (var input in Inputs)
            {
                pos += CompactSize.Write(destination[pos..], (ulong)input.Witness.Count);
                foreach (var item in input.Witness) pos += WriteVarBytes(destination[pos..], item);
            }
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination[pos..], LockTime);
        return pos + 4;
    }

    public byte[] Serialize(bool withWitness = true)
    {
        var bytes = new byte[GetSerializedSize(withWitness)];
        WriteTo(bytes, withWitness);
        return bytes;
    }

    public Hash256 GetTxId() => Sha256.DoubleHash(Serialize(withWitness: false));

    public Hash256 GetWTxId() => Sha256.DoubleHash(Serialize());

    private static int VarBytesSize(byte[] bytes) => CompactSize.EncodedLength((ulong)bytes.Length) + bytes.Length;

    private static int WriteVarBytes(Span<byte> destination, byte[] bytes)
    {
        int n = CompactSize.Write(destination, (ulong)bytes.Length);
        bytes.CopyTo(destination[n..]);
        return n + bytes.Length;
    }
}
