using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;
using NBitcoin.DataEncoders;
using Node.Primitives.Consensus;
using Node.Rpc.Codec;

namespace Node.Rpc.Tests;

/// <summary>
/// Expected TxToUniv fields computed by NBitcoin: hashes, sizes, values, addresses, and the asm
/// tokens from NBitcoin's own script parser (script numbers, op names, its strict-encoding check).
/// </summary>
internal static class TxJsonOracle
{
    public static JsonObject Ours(byte[] raw, bool includeHex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) TransactionJson.Write(w, Node.Primitives.Transactions.Transaction.Parse(raw), ChainType.Main, includeHex);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    public static IEnumerable<byte[]> RealTransactions(string source)
    {
        if (source.EndsWith(".tx", StringComparison.Ordinal))
        {
            yield return TestData.Bytes(source);
            yield break;
        }
        foreach (var block in TestData.Blocks(source))
            foreach (var tx in Block.Load(block, Network.Main).Transactions)
                yield return tx.ToBytes();
    }

    public static string[] Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key)];

    /// <summary>Checks every field of <paramref name="json"/> against NBitcoin's reading of <paramref name="raw"/>.</summary>
    public static void Check(JsonObject json, byte[] raw, bool includeHex)
    {
        var tx = NBitcoin.Transaction.Load(raw, Network.Main);
        int stripped = tx.GetSerializedSize(TransactionOptions.None);
        int weight = stripped * 3 + raw.Length;
        string[] topKeys = ["txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout"];
        Assert.Equal(includeHex ? [.. topKeys, "hex"] : topKeys, Keys(json));
        Assert.Equal(tx.GetHash().ToString(), (string?)json["txid"]);
        Assert.Equal(tx.GetWitHash().ToString(), (string?)json["hash"]);
        Assert.Equal(tx.Version, (uint)json["version"]!);
        Assert.Equal(raw.Length, (int)json["size"]!);
        Assert.Equal(tx.GetVirtualSize(), (int)json["vsize"]!);
        Assert.Equal(weight, (int)json["weight"]!);
        Assert.Equal(tx.LockTime.Value, (uint)json["locktime"]!);
        if (includeHex) Assert.Equal(Encoders.Hex.EncodeData(raw), (string?)json["hex"]);

        var vin = json["vin"]!.AsArray();
        Assert.Equal(tx.Inputs.Count, vin.Count);
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            var j = vin[i]!;
            var witness = input.WitScript.Pushes.Select(p => Encoders.Hex.EncodeData(p)).ToArray();
            string[] keys = tx.IsCoinBase ? ["coinbase"] : ["txid", "vout", "scriptSig"];
            if (witness.Length > 0) keys = [.. keys, "txinwitness"];
            Assert.Equal([.. keys, "sequence"], Keys(j));
            if (tx.IsCoinBase) Assert.Equal(input.ScriptSig.ToHex(), (string?)j["coinbase"]);
            else
            {
                Assert.Equal(input.PrevOut.Hash.ToString(), (string?)j["txid"]);
                Assert.Equal(input.PrevOut.N, (uint)j["vout"]!);
                Assert.Equal(["asm", "hex"], Keys(j["scriptSig"]!));
                Assert.Equal(input.ScriptSig.ToHex(), (string?)j["scriptSig"]!["hex"]);
                Assert.Equal(Asm(input.ScriptSig, sighash: true), (string?)j["scriptSig"]!["asm"]);
            }
            if (witness.Length > 0) Assert.Equal(witness, j["txinwitness"]!.AsArray().Select(w => (string?)w).ToArray());
            Assert.Equal((uint)input.Sequence, (uint)j["sequence"]!);
        }

        var vout = json["vout"]!.AsArray();
        Assert.Equal(tx.Outputs.Count, vout.Count);
        for (int n = 0; n < tx.Outputs.Count; n++)
        {
            var output = tx.Outputs[n];
            var j = vout[n]!;
            Assert.Equal(["value", "n", "scriptPubKey"], Keys(j));
            Assert.Equal(output.Value.ToDecimal(MoneyUnit.BTC).ToString("0.00000000", CultureInfo.InvariantCulture), j["value"]!.ToJsonString());
            Assert.Equal(n, (int)j["n"]!);
            CheckScriptPubKey(j["scriptPubKey"]!, output.ScriptPubKey);
        }
    }

    public static void CheckScriptPubKey(JsonNode j, Script script)
    {
        string type = (string)j["type"]!;
        var address = script.GetDestinationAddress(Network.Main)?.ToString();
        Assert.Equal(address is null ? ["asm", "desc", "hex", "type"] : ["asm", "desc", "hex", "address", "type"], Keys(j));
        Assert.Equal(script.ToHex(), (string?)j["hex"]);
        Assert.Equal(Asm(script, sighash: false), (string?)j["asm"]);
        Assert.Equal(address, (string?)j["address"]);
        Assert.Equal(ExpectedType(script), type);

        string desc = (string)j["desc"]!;
        string body = desc[..^9];
        Assert.Equal('#', desc[^9]);
        string expectedBody = type switch
        {
            "pubkey" when script.ToOps().First().PushData[0] is 2 or 3 or 4 => $"pk({Encoders.Hex.EncodeData(script.ToOps().First().PushData)})",
            "multisig" => body, // the key list is checked by the Core vectors; here only the checksum below
            _ when address is not null => $"addr({address})",
            _ => $"raw({script.ToHex()})",
        };
        Assert.Equal(expectedBody, body);
        Assert.Equal(Node.Rpc.Codec.Scripts.DescriptorChecksum.Compute(body), desc[^8..]);
    }

    /// <summary>The script type from NBitcoin's templates, named as Core names them.</summary>
    public static string ExpectedType(Script script)
    {
        if (PayToScriptHashTemplate.Instance.CheckScriptPubKey(script)) return "scripthash";
        if (PayToWitTemplate.Instance.CheckScriptPubKey(script))
        {
            var id = PayToWitTemplate.Instance.ExtractScriptPubKeyParameters2(script)!;
            return (id.Version, id.Program.Length) switch
            {
                (OpcodeType.OP_0, 20) => "witness_v0_keyhash",
                (OpcodeType.OP_0, 32) => "witness_v0_scripthash",
                (OpcodeType.OP_0, _) => "nonstandard",
                (OpcodeType.OP_1, 32) => "witness_v1_taproot",
                _ => "witness_unknown",
            };
        }
        var ops = script.ToOps().ToList();
        if (ops.Count > 0 && ops[0].Code == OpcodeType.OP_RETURN && script.ToBytes().Length >= 1 && IsPushOnly(ops.Skip(1)) && !script.IsUnspendableMalformed()) return "nulldata";
        if (PayToPubkeyTemplate.Instance.CheckScriptPubKey(script)) return "pubkey";
        if (PayToPubkeyHashTemplate.Instance.CheckScriptPubKey(script)) return "pubkeyhash";
        if (PayToMultiSigTemplate.Instance.CheckScriptPubKey(script)) return "multisig";
        return "nonstandard";
    }

    private static bool IsPushOnly(IEnumerable<Op> ops) => ops.All(o => o.Code <= OpcodeType.OP_16 && !o.IsInvalid);

    private static bool IsUnspendableMalformed(this Script script) => script.ToOps().Any(o => o.IsInvalid);

    /// <summary>Core's ScriptToAsmStr rebuilt on NBitcoin's op parser.</summary>
    public static string Asm(Script script, bool sighash)
    {
        var tokens = new List<string>();
        byte[] bytes = script.ToBytes();
        bool decode = sighash && !(bytes.Length > 0 && bytes[0] == 0x6a) && bytes.Length <= 10_000;
        foreach (var op in script.ToOps())
        {
            if (op.IsInvalid)
            {
                tokens.Add("[error]");
                break;
            }
            if (op.Code <= OpcodeType.OP_PUSHDATA4)
            {
                var data = op.PushData;
                if (data.Length <= 4) tokens.Add(op.GetLong()!.Value.ToString(CultureInfo.InvariantCulture));
                else if (decode && TransactionSignature.IsValid(data, ScriptVerify.StrictEnc))
                {
                    byte t = data[^1];
                    string name = (t & 0x7f) switch { 1 => "ALL", 2 => "NONE", _ => "SINGLE" } + ((t & 0x80) != 0 ? "|ANYONECANPAY" : "");
                    tokens.Add(Encoders.Hex.EncodeData(data[..^1]) + "[" + name + "]");
                }
                else tokens.Add(Encoders.Hex.EncodeData(data));
            }
            else if (op.Code == OpcodeType.OP_1NEGATE) tokens.Add("-1");
            else if (op.Code >= OpcodeType.OP_1 && op.Code <= OpcodeType.OP_16) tokens.Add(((int)op.Code - 0x50).ToString(CultureInfo.InvariantCulture));
            else tokens.Add(Enum.IsDefined(op.Code) ? op.Code.ToString() : "OP_UNKNOWN");
        }
        return string.Join(' ', tokens);
    }
}
