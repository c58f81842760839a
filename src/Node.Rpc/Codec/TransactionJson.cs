using System.Text.Json;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;
using Node.Rpc.Codec.Scripts;

namespace Node.Rpc.Codec;

/// <summary>
/// Core's TxToUniv (core_write.cpp) without undo data: txid, hash, version, size, vsize, weight,
/// locktime, vin, vout, and "hex" when asked (getblock verbosity 2+ asks, decoderawtransaction not).
/// Without undo data Core writes neither "prevout" nor "fee", so verbosity 3 looks like 2 here.
/// </summary>
internal static class TransactionJson
{
    public static void Write(Utf8JsonWriter w, Transaction tx, ChainType network, bool includeHex)
    {
        w.WriteStartObject();
        WriteFields(w, tx, network, includeHex);
        w.WriteEndObject();
    }

    /// <summary>The fields of <see cref="Write"/> into an object the caller opened (getrawtransaction adds its own around them).</summary>
    public static void WriteFields(Utf8JsonWriter w, Transaction tx, ChainType network, bool includeHex)
    {
        byte[] full = tx.Serialize();
        int stripped = tx.HasWitness ? tx.GetSerializedSize(withWitness: false) : full.Length;
        int weight = stripped * 3 + full.Length;

        w.WriteString("txid"u8, tx.GetTxId().ToString());
        w.WriteString("hash"u8, tx.GetWTxId().ToString());
        w.WriteNumber("version"u8, (uint)tx.Version); // unsigned, as Core writes it since 0.19
        w.WriteNumber("size"u8, full.Length);
        w.WriteNumber("vsize"u8, (weight + 3) / 4);
        w.WriteNumber("weight"u8, weight);
        w.WriteNumber("locktime"u8, tx.LockTime);

        bool coinbase = IsCoinbase(tx);
        w.WriteStartArray("vin"u8);
        foreach (var input in tx.Inputs)
        {
            w.WriteStartObject();
            if (coinbase) w.WriteString("coinbase"u8, Convert.ToHexStringLower(input.ScriptSig));
            else
            {
                w.WriteString("txid"u8, input.PrevTxId.ToString());
                w.WriteNumber("vout"u8, input.PrevIndex);
                w.WriteStartObject("scriptSig"u8);
                w.WriteString("asm"u8, ScriptAsm.ToAsm(input.ScriptSig, attemptSighashDecode: true));
                w.WriteString("hex"u8, Convert.ToHexStringLower(input.ScriptSig));
                w.WriteEndObject();
            }
            if (input.Witness.Count > 0)
            {
                w.WriteStartArray("txinwitness"u8);
                foreach (var item in input.Witness) w.WriteStringValue(Convert.ToHexStringLower(item));
                w.WriteEndArray();
            }
            w.WriteNumber("sequence"u8, input.Sequence);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("vout"u8);
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            w.WriteStartObject();
            AmountJson.Write(w, "value"u8, tx.Outputs[i].Value);
            w.WriteNumber("n"u8, i);
            w.WriteStartObject("scriptPubKey"u8);
            ScriptJson.WriteFields(w, tx.Outputs[i].ScriptPubKey, network, includeHex: true, includeAddress: true);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (includeHex) w.WriteString("hex"u8, Convert.ToHexStringLower(full));
    }

    /// <summary>Core's CTransaction::IsCoinBase: one input spending the null outpoint.</summary>
    public static bool IsCoinbase(Transaction tx) => tx.Inputs.Count == 1 && tx.Inputs[0].PrevTxId.IsZero && tx.Inputs[0].PrevIndex == uint.MaxValue;
}
