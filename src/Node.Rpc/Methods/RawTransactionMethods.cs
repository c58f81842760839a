using System.Text.Json;
using Node.Primitives.Hashing;
using Node.Primitives.Scripts;
using Node.Rpc.Codec;
using Node.Rpc.Codec.Scripts;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>Core's decoding methods of the rawtransactions category (rpc/rawtransaction.cpp).</summary>
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
