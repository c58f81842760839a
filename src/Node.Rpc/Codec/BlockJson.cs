using System.Globalization;
using System.Text.Json;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;
using Node.Rpc.Backends;

namespace Node.Rpc.Codec;

/// <summary>Core's blockheaderToJSON and blockToJSON field by field, in Core's order.</summary>
internal static class BlockJson
{
    public static void WriteHeader(Utf8JsonWriter w, in BlockEntry e)
    {
        w.WriteStartObject();
        WriteHeaderFields(w, e);
        w.WriteEndObject();
    }

    private static void WriteHeaderFields(Utf8JsonWriter w, in BlockEntry e)
    {
        var h = e.Header;
        w.WriteString("hash"u8, e.Hash.ToString());
        w.WriteNumber("confirmations"u8, e.Confirmations);
        w.WriteNumber("height"u8, e.Height);
        w.WriteNumber("version"u8, h.Version);
        w.WriteString("versionHex"u8, h.Version.ToString("x8", CultureInfo.InvariantCulture));
        w.WriteString("merkleroot"u8, h.MerkleRoot.ToString());
        w.WriteNumber("time"u8, h.Time);
        w.WriteNumber("mediantime"u8, e.MedianTimePast);
        w.WriteNumber("nonce"u8, h.Nonce);
        w.WriteString("bits"u8, DifficultyView.Bits(h.Bits));
        w.WriteString("target"u8, DifficultyView.Target(h.Bits));
        w.WriteNumber("difficulty"u8, DifficultyView.Of(h.Bits));
        w.WriteString("chainwork"u8, e.ChainWork.ToString());
        w.WriteNumber("nTx"u8, e.TxCount);
        if (e.Height > 0) w.WriteString("previousblockhash"u8, h.PrevBlock.ToString());
        if (e.NextBlockHash is { } next) w.WriteString("nextblockhash"u8, next.ToString());
    }

    /// <summary>
    /// The header fields, then strippedsize, size, weight and the transactions of a block that
    /// decoded: txids at verbosity 1, TxToUniv objects with "hex" at 2 and above (no undo data, so
    /// no "fee" or "prevout": Core's own output for a block without undo data).
    /// </summary>
    public static void WriteBlock(Utf8JsonWriter w, in BlockEntry e, ReadOnlySpan<byte> block, int verbosity, ChainType network)
    {
        if (!BlockScanner.TryReadTxCount(block, out int txCount, out var error)) throw new TxDecodeException(error);
        var txids = new byte[txCount * Hash256.Size];
        var shape = BlockScanner.Scan(block, txids, []);

        w.WriteStartObject();
        WriteHeaderFields(w, e);
        w.WriteNumber("strippedsize"u8, shape.StrippedSize);
        w.WriteNumber("size"u8, shape.TotalSize);
        w.WriteNumber("weight"u8, shape.Weight);
        w.WriteStartArray("tx"u8);
        if (verbosity <= 1)
        {
            for (int i = 0; i < txCount; i++) w.WriteStringValue(new Hash256(txids.AsSpan(i * Hash256.Size, Hash256.Size)).ToString());
        }
        else
        {
            if (!BlockReader.TryOpen(block, out var reader, out var openError)) throw new TxDecodeException(openError);
            for (int i = 0; i < txCount; i++)
            {
                if (!reader.TryReadNext(out TransactionReader tx, out var txError)) throw new TxDecodeException(txError);
                TransactionJson.Write(w, Transaction.From(tx), network, includeHex: true);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
