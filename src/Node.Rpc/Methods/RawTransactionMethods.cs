using System.Text.Json;
using Node.Primitives.Hashing;
using Node.Primitives.Scripts;
using Node.Rpc.Codec;
using Node.Rpc.Codec.Scripts;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>
/// Core's decoding methods of the rawtransactions category (rpc/rawtransaction.cpp), and getrawtransaction, which
/// without a mempool or a transaction index finds a transaction only in the block it is given.
/// </summary>
internal static class RawTransactionMethods
{
    private const string Category = "rawtransactions";

    public static void Register(RpcMethodTable table)
    {
        table.Add(new("decoderawtransaction", Category, "Return a JSON object representing the serialized, hex-encoded transaction.",
            [
                Required("hexstring", RpcParamType.String, "The transaction hex string"),
                Opt("iswitness", RpcParamType.Bool, "Whether the transaction hex is a serialized witness transaction.\nIf iswitness is not present, heuristic tests will be used in decoding.\nIf true, only witness deserialization will be tried.\nIf false, only non-witness deserialization will be tried.\nThis boolean should reflect whether the transaction has inputs\n(e.g. fully valid, or on-chain transactions), if known by the caller.", "depends on heuristic tests"),
            ],
            "{ \"txid\", \"hash\", \"size\", \"vsize\", \"weight\", \"version\", \"locktime\", \"vin\": [ { \"coinbase\" or \"txid\", \"vout\", \"scriptSig\": { \"asm\", \"hex\" }, \"txinwitness\", \"sequence\" } ], \"vout\": [ { \"value\", \"n\", \"scriptPubKey\": { \"asm\", \"desc\", \"hex\", \"address\", \"type\" } } ] }",
            DecodeRawTransaction));
        table.Add(new("getrawtransaction", Category,
            "By default, this call only returns a transaction if it is in the mempool. If -txindex is enabled\nand no blockhash argument is passed, it will return the transaction if it is in a block in the blockchain.\n\nHint: Use gettransaction for wallet transactions.\n\nIf verbosity is 0 or omitted, returns the serialized transaction as a hex-encoded string.\nIf verbosity is 1, returns a JSON Object with information about the transaction.\nIf verbosity is 2, returns a JSON Object with information about the transaction, including fee and prevout information.",
            [
                Required("txid", RpcParamType.String, "The transaction id"),
                Opt("verbosity", RpcParamType.Any, "0 for hex-encoded data, 1 for a JSON object, and 2 for JSON object with fee and prevout", "0"),
                Opt("blockhash", RpcParamType.String, "The block in which to look for the transaction"),
            ],
            "\"str\" (verbosity 0) or { \"in_active_chain\", \"txid\", \"hash\", \"size\", \"vsize\", \"weight\", \"version\", \"locktime\", \"vin\", \"vout\", \"hex\", \"blockhash\", \"confirmations\", \"time\", \"blocktime\" }",
            GetRawTransaction));
        table.Add(new("decodescript", Category, "Decode a hex-encoded script.",
            [Required("hexstring", RpcParamType.String, "the hex-encoded script")],
            "{ \"asm\", \"desc\", \"address\", \"type\", \"p2sh\", \"segwit\": { \"asm\", \"desc\", \"hex\", \"address\", \"type\", \"p2sh-segwit\" } }",
            DecodeScript));
    }

    private static void DecodeRawTransaction(RpcCall call, Utf8JsonWriter w)
    {
        bool tryWitness = call.GetBool(1, true);
        bool tryNoWitness = call.IsNull(1) || !call.GetBool(1, false);
        var tx = RawTransactionDecoder.TryDecodeHex(call.GetString(0), tryNoWitness, tryWitness)
            ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed");
        TransactionJson.Write(w, tx, call.Context.Blockchain.Params.Type, includeHex: false);
    }

    /// <summary>
    /// Core's getrawtransaction without a mempool or -txindex: a transaction is found only in the block given. Without
    /// undo data verbosity 2 writes what 1 does, as Core does for a block whose undo data it cannot read.
    /// </summary>
    private static void GetRawTransaction(RpcCall call, Utf8JsonWriter w)
    {
        var chain = call.Context.Blockchain;
        var txid = call.GetHash(0, "parameter 1");
        if (txid == chain.Params.GenesisHeader.MerkleRoot)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved");
        int verbosity = Verbosity(call, 1);
        if (call.IsNull(2))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey,
                "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.");
        var blockHash = call.GetHash(2, "parameter 3");
        if (!chain.TryGetEntry(blockHash, out var entry)) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block hash not found");
        var block = chain.ReadBlock(blockHash) ?? throw new RpcException(RpcErrorCode.MiscError, "Block not available");
        var tx = BlockTransactionFinder.Find(block, txid)
            ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
        if (verbosity <= 0)
        {
            w.WriteStringValue(Convert.ToHexStringLower(tx.Serialize()));
            return;
        }
        bool active = entry.Confirmations > 0;
        w.WriteStartObject();
        w.WriteBoolean("in_active_chain"u8, active);
        TransactionJson.WriteFields(w, tx, chain.Params.Type, includeHex: true);
        w.WriteString("blockhash"u8, blockHash.ToString());
        w.WriteNumber("confirmations"u8, active ? entry.Confirmations : 0);
        if (active)
        {
            w.WriteNumber("time"u8, entry.Header.Time);
            w.WriteNumber("blocktime"u8, entry.Header.Time);
        }
        w.WriteEndObject();
    }

    /// <summary>Core's ParseVerbosity with booleans allowed: true is 1, false 0, a number itself.</summary>
    private static int Verbosity(RpcCall call, int i)
    {
        if (call.IsNull(i)) return 0;
        return call.Get(i).ValueKind switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.Number => call.GetInt32(i, 0),
            var kind => throw new RpcException(RpcErrorCode.TypeError, $"JSON value of type {kind.ToString().ToLowerInvariant()} is not of expected type number"),
        };
    }

    private static void DecodeScript(RpcCall call, Utf8JsonWriter w)
    {
        string hex = call.GetString(0);
        if (hex.Length % 2 != 0 || !RpcCall.IsHex(hex)) throw new RpcException(RpcErrorCode.InvalidParameter, $"argument must be hexadecimal string (not '{hex}')");
        byte[] script = Convert.FromHexString(hex);
        var network = call.Context.Blockchain.Params.Type;

        w.WriteStartObject();
        ScriptJson.WriteFields(w, script, network, includeHex: false, includeAddress: true);
        var solutions = new List<byte[]>();
        var type = ScriptSolver.Solve(script, solutions);
        if (CanWrap(type, script))
        {
            w.WriteString("p2sh"u8, AddressEncoder.ScriptHashAddress(script, network));
            if (CanWrapInWitness(type, solutions))
            {
                byte[]? witnessScript = null;
                byte[] segwit;
                if (type == ScriptType.PubKey) segwit = [0, 20, .. Ripemd160.Hash160(solutions[0])];
                else if (type == ScriptType.PubKeyHash) segwit = [0, 20, .. solutions[0]];
                else
                {
                    witnessScript = script;
                    var sha = new byte[32];
                    Sha256.Hash(script, sha);
                    segwit = [0, 32, .. sha];
                }
                w.WriteStartObject("segwit"u8);
                ScriptJson.WriteFields(w, segwit, network, includeHex: true, includeAddress: true, witnessScript);
                w.WriteString("p2sh-segwit"u8, AddressEncoder.ScriptHashAddress(segwit, network));
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>Core's can_wrap: a script P2SH may carry (no P2SH, witness program or data carrier, nothing unparsable or tapscript-only).</summary>
    private static bool CanWrap(ScriptType type, ReadOnlySpan<byte> script)
    {
        if (type is not (ScriptType.Multisig or ScriptType.NonStandard or ScriptType.PubKey or ScriptType.PubKeyHash or ScriptType.WitnessV0KeyHash or ScriptType.WitnessV0ScriptHash))
            return false;
        if (!ScriptSolver.HasValidOps(script) || ScriptSolver.IsUnspendable(script)) return false;
        var reader = new ScriptOpReader(script);
        while (reader.TryReadNext(out byte op, out _))
            if (IsOpSuccess(op)) return false; // OP_CHECKSIGADD is above MAX_OPCODE, so HasValidOps already refused it
        return true;
    }

    /// <summary>Core's can_wrap_P2WSH: no witness program inside another, and keys compressed where segwit needs them.</summary>
    private static bool CanWrapInWitness(ScriptType type, List<byte[]> solutions) => type switch
    {
        ScriptType.Multisig or ScriptType.PubKey => solutions.TrueForAll(s => s.Length == 1 || s.Length == 33),
        ScriptType.NonStandard or ScriptType.PubKeyHash => true,
        _ => false,
    };

    /// <summary>Core's IsOpSuccess (BIP342).</summary>
    private static bool IsOpSuccess(byte op) =>
        op is 80 or 98 or (>= 126 and <= 129) or (>= 131 and <= 134) or (>= 137 and <= 138) or (>= 141 and <= 142) or (>= 149 and <= 153) or (>= 187 and <= 254);
}
