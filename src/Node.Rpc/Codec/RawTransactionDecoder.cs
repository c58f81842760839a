using System.Buffers.Binary;
using Node.Primitives;
using Node.Primitives.Transactions;
using Node.Rpc.Codec.Scripts;
using Node.Rpc.Protocol;

namespace Node.Rpc.Codec;

/// <summary>
/// Core's DecodeHexTx (core_read.cpp): the hex must be whole bytes; the transaction is read with
/// witness serialization and without, each only where allowed and only where it fills the bytes
/// exactly; a reading whose scripts pass Core's CheckTxScriptsSanity wins, the witness one first.
/// </summary>
internal static class RawTransactionDecoder
{
    public static Transaction? TryDecodeHex(string hex, bool tryNoWitness, bool tryWitness)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0 || !RpcCall.IsHex(hex)) return null;
        byte[] data = Convert.FromHexString(hex);

        Transaction? extended = tryWitness && TransactionReader.TryReadExact(data, out var reader, out _) ? Transaction.From(reader) : null;
        if (extended is not null && ScriptsAreSane(extended)) return extended;
        Transaction? legacy = tryNoWitness ? TryReadLegacy(data) : null;
        if (legacy is not null && ScriptsAreSane(legacy)) return legacy;
        return extended ?? legacy;
    }

    /// <summary>
    /// The serialization without witness. With inputs it reads exactly as the witness one does (the
    /// marker is only looked for after an empty input list); with none, an output list follows.
    /// </summary>
    private static Transaction? TryReadLegacy(byte[] data)
    {
        if (data.Length > 4 && data[4] != 0) return TransactionReader.TryReadExact(data, out var reader, out _) ? Transaction.From(reader) : null;
        if (data.Length < 5) return null;

        var tx = new Transaction { Version = BinaryPrimitives.ReadInt32LittleEndian(data) };
        int pos = 5;
        if (!TryReadCount(data, ref pos, TransactionReader.MinOutputSize, out int outputs)) return null;
        for (int i = 0; i < outputs; i++)
        {
            if (data.Length - pos < 8) return null;
            long value = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(pos));
            pos += 8;
            if (!TryReadCount(data, ref pos, 1, out int length)) return null;
            tx.Outputs.Add(new TxOut { Value = value, ScriptPubKey = data.AsSpan(pos, length).ToArray() });
            pos += length;
        }
        if (data.Length - pos != 4) return null;
        tx.LockTime = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos));
        return tx;
    }

    /// <summary>A canonical CompactSize no larger than Core's MAX_SIZE whose items can still fit in the bytes left.</summary>
    private static bool TryReadCount(byte[] data, ref int pos, int minItemSize, out int count)
    {
        count = 0;
        int used = CompactSize.TryRead(data.AsSpan(pos), out ulong value);
        if (used <= 0 || value > CompactSize.MaxSize) return false;
        pos += used;
        if ((long)value * minItemSize > data.Length - pos) return false;
        count = (int)value;
        return true;
    }

    /// <summary>Core's CheckTxScriptsSanity: every scriptSig (unless coinbase) and scriptPubKey has valid ops and fits MAX_SCRIPT_SIZE.</summary>
    private static bool ScriptsAreSane(Transaction tx)
    {
        if (!TransactionJson.IsCoinbase(tx))
            foreach (var input in tx.Inputs)
                if (!IsSane(input.ScriptSig)) return false;
        foreach (var output in tx.Outputs)
            if (!IsSane(output.ScriptPubKey)) return false;
        return true;
    }

    private static bool IsSane(byte[] script) => script.Length <= ScriptSolver.MaxScriptSize && ScriptSolver.HasValidOps(script);
}
