using System.Text.Json;
using Node.Primitives;
using Node.Primitives.Transactions;
using Node.Rpc.Backends;
using Node.Rpc.Codec;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>Core's generating category (rpc/mining.cpp): generatetoaddress and generateblock over the block assembler.</summary>
internal static class MiningMethods
{
    private const string Category = "generating";
    private const ulong DefaultMaxTries = 1_000_000;

    public static void Register(RpcMethodTable table)
    {
        table.Add(new("generatetoaddress", Category, "Mine to a specified address and return the block hashes.",
            [Required("nblocks", RpcParamType.Number, "How many blocks are generated."),
             Required("address", RpcParamType.String, "The address to send the newly generated bitcoin to."),
             Opt("maxtries", RpcParamType.Number, "How many iterations to try.", "1000000")],
            "[ \"hex\", ... ]    (json array) hashes of blocks generated", GenerateToAddress));
        table.Add(new("generateblock", Category, "Mine a set of ordered transactions to a specified address and return the block hash.",
            [Required("output", RpcParamType.String, "The address to send the newly generated bitcoin to."),
             Required("transactions", RpcParamType.Array, "An array of hex strings which are raw transactions (txids of mempool transactions are not available: this node has no mempool)."),
             Opt("submit", RpcParamType.Bool, "Whether to submit the block before the RPC call returns or to return it as hex.", "true")],
            "{ \"hash\", \"hex\" (only when submit is false) }", GenerateBlock));
    }

    private static IMiningRpcBackend Miner(RpcCall call) =>
        call.Context.Backends.Mining ?? throw new RpcException(RpcErrorCode.MiscError, "Error: block generation is not available on this node");

    private static void GenerateToAddress(RpcCall call, Utf8JsonWriter w)
    {
        int count = call.GetInt32(0, 0);
        long maxTries = call.GetInt64(2, (long)DefaultMaxTries);
        if (!AddressDecoder.TryGetScript(call.GetString(1), call.Context.Blockchain.Params, out byte[] script))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Error: Invalid address");
        var miner = Miner(call);

        w.WriteStartArray();
        foreach (var hash in miner.GenerateToScript(count, script, (ulong)Math.Max(maxTries, 0))) w.WriteStringValue(hash.ToString());
        w.WriteEndArray();
    }

    private static void GenerateBlock(RpcCall call, Utf8JsonWriter w)
    {
        if (!AddressDecoder.TryGetScript(call.GetString(0), call.Context.Blockchain.Params, out byte[] script))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Error: Invalid address or descriptor");

        var transactions = new List<byte[]>();
        foreach (var element in call.Get(1).EnumerateArray())
        {
            string text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            if (text.Length == 64 && Hash256.TryParse(text, out _)) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Transaction {text} not in mempool.");
            transactions.Add(DecodeTransaction(text));
        }

        bool submit = call.GetBool(2, true);
        var block = Miner(call).GenerateBlock(script, transactions, submit, DefaultMaxTries);
        w.WriteStartObject();
        w.WriteString("hash"u8, block.Hash.ToString());
        if (!submit) w.WriteString("hex"u8, Convert.ToHexStringLower(block.Block));
        w.WriteEndObject();
    }

    /// <summary>Core's DecodeHexTx: hex of exactly one transaction with at least one input.</summary>
    private static byte[] DecodeTransaction(string hex)
    {
        if (hex.Length % 2 == 0 && RpcCall.IsHex(hex))
        {
            byte[] raw = Convert.FromHexString(hex);
            if (TransactionReader.TryReadExact(raw, out var tx, out _) && tx.InputCount > 0) return raw;
        }
        throw new RpcException(RpcErrorCode.DeserializationError, $"Transaction decode failed for {hex}. Make sure the tx has at least one input.");
    }
}
