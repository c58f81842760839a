using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;
using NBitcoin.DataEncoders;
using Node.Rpc.Codec.Scripts;
using Node.Rpc.Tests.Client;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>getblock verbosity 2 and 3, decoderawtransaction and decodescript through the npm bitcoin-core client and raw HTTP.</summary>
public sealed class ClientRawTransactionTests(RpcNode node) : IClassFixture<RpcNode>
{
    private IReadOnlyList<Outcome> Call(params BitcoinCoreClient.Call[] calls) => Run(node.Url, "__cookie__", node.CookiePassword, calls);

    private JsonNode One(string method, params JsonNode?[] args) => Call(BitcoinCoreClient.Call.Of(method, args))[0].Value;

    private async Task<JsonNode> Raw(string method, string paramsJson)
    {
        var r = await RawHttp.PostAsync(node.Url, $$"""{"method":"{{method}}","params":{{paramsJson}},"id":1}""", "__cookie__", node.CookiePassword);
        Assert.Null(r.Json["error"]);
        return r.Json["result"]!;
    }

    /// <summary>Same keys in the same order, same strings, numbers equal as decimals (the client reads 50.00000000 as 50).</summary>
    private static void AssertSameJson(JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case JsonObject o:
                Assert.Equal(o.Select(p => p.Key), actual!.AsObject().Select(p => p.Key));
                foreach (var (key, value) in o) AssertSameJson(value, actual[key]);
                break;
            case JsonArray a:
                Assert.Equal(a.Count, actual!.AsArray().Count);
                for (int i = 0; i < a.Count; i++) AssertSameJson(a[i], actual[i]);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                Assert.Equal(v.GetValue<decimal>(), actual!.GetValue<decimal>());
                break;
            default:
                Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
                break;
        }
    }

    [Fact]
    public async Task Getblock_verbosity_2_decodes_every_transaction_of_block_170_and_3_is_the_same_without_undo_data()
    {
        string hash = RpcNode.HashAt(170).ToString();
        var two = await Raw("getblock", $"[\"{hash}\",2]");
        var one = await Raw("getblock", $"[\"{hash}\",1]");
        string[] keys = [.. one.AsObject().Select(p => p.Key)];
        Assert.Equal(keys, two.AsObject().Select(p => p.Key));
        Assert.Equal(["strippedsize", "size", "weight", "tx"], keys[^4..]);
        foreach (var key in keys[..^1]) Assert.Equal(one[key]!.ToJsonString(), two[key]!.ToJsonString());

        var txs = two["tx"]!.AsArray();
        var block = Oracle.Block(170);
        Assert.Equal(block.Transactions.Count, txs.Count);
        for (int i = 0; i < txs.Count; i++) TxJsonOracle.Check(txs[i]!.AsObject(), block.Transactions[i].ToBytes(), includeHex: true);
        Assert.Equal("10.00000000", txs[1]!["vout"]![0]!["value"]!.ToJsonString());
        Assert.EndsWith("[ALL]", (string)txs[1]!["vin"]![0]!["scriptSig"]!["asm"]!, StringComparison.Ordinal);

        // Verbosity 3 and anything above it: Core adds prevout and fee only from undo data, which this node does not keep.
        Assert.Equal(two.ToJsonString(), (await Raw("getblock", $"[\"{hash}\",3]")).ToJsonString());
        Assert.Equal(two.ToJsonString(), (await Raw("getblock", $"[\"{hash}\",7]")).ToJsonString());

        var viaClient = Call(BitcoinCoreClient.Call.Of("getblock", hash, 2), BitcoinCoreClient.Call.Of("getblock", hash, 3));
        AssertSameJson(two, viaClient[0].Value);
        AssertSameJson(two, viaClient[1].Value);
    }

    [Fact]
    public async Task Decoderawtransaction_of_real_segwit_and_legacy_transactions_matches_nbitcoin_through_the_client()
    {
        var samples = TxJsonOracle.RealTransactions("blocks/mainnet-574200.raw").Where((_, i) => i % 300 == 0)
            .Concat(TxJsonOracle.RealTransactions("blocks/mainnet-413567.raw").Take(3)).ToList();
        Assert.Contains(samples, raw => NBitcoin.Transaction.Load(raw, Network.Main).HasWitness);
        var outcomes = Call([.. samples.Select(raw => BitcoinCoreClient.Call.Of("decoderawtransaction", Convert.ToHexStringLower(raw)))]);
        for (int i = 0; i < samples.Count; i++)
        {
            var exact = await Raw("decoderawtransaction", $"[\"{Convert.ToHexStringLower(samples[i])}\"]");
            TxJsonOracle.Check(exact.AsObject(), samples[i], includeHex: false);
            AssertSameJson(exact, outcomes[i].Value);
        }
    }

    [Fact]
    public void Iswitness_chooses_the_serialization_and_bad_data_is_cores_decode_error()
    {
        var segwit = TxJsonOracle.RealTransactions("blocks/mainnet-574200.raw").First(raw => NBitcoin.Transaction.Load(raw, Network.Main).HasWitness && !NBitcoin.Transaction.Load(raw, Network.Main).IsCoinBase);
        string segwitHex = Convert.ToHexStringLower(segwit);
        const string noInputs = "01000000000100e1f5050000000017a9146edf12858999f0dae74f9c692e6694ee3621b2ac8700000000";
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("decoderawtransaction", segwitHex, true),
            BitcoinCoreClient.Call.Of("decoderawtransaction", noInputs, false),
            BitcoinCoreClient.Call.Of("decoderawtransaction", noInputs, true),
            BitcoinCoreClient.Call.Of("decoderawtransaction", "zz"),
            BitcoinCoreClient.Call.Of("decoderawtransaction", "abc"),
            BitcoinCoreClient.Call.Of("decoderawtransaction", ""),
            BitcoinCoreClient.Call.Of("decoderawtransaction", segwitHex + "00"),
            BitcoinCoreClient.Call.Of("decoderawtransaction", segwitHex[..^2]),
            BitcoinCoreClient.Call.Of("decoderawtransaction", 12),
            BitcoinCoreClient.Call.Of("decoderawtransaction", segwitHex, "yes"));
        Assert.Equal(NBitcoin.Transaction.Load(segwit, Network.Main).GetWitHash().ToString(), (string?)outcomes[0].Value["hash"]);
        Assert.NotNull(outcomes[0].Value["vin"]![0]!["txinwitness"]);
        Assert.Equal("5e8b1cc73234e208d4b7ca9075f136b908c34101be7a048df4ba9ac758b61567", (string?)outcomes[1].Value["txid"]);
        foreach (var failed in outcomes.Skip(2).Take(6)) Assert.Equal((-22, "TX decode failed"), (failed.ErrorCode!.Value, failed.ErrorMessage));
        Assert.Equal(-3, outcomes[8].ErrorCode);
        Assert.Equal(-3, outcomes[9].ErrorCode);
    }

    private static string P2sh(Script script) => script.Hash.GetAddress(Network.Main).ToString();

    [Fact]
    public void Decodescript_wraps_keys_in_p2sh_and_segwit_like_core()
    {
        var p2pkh = Script.FromHex("76a9141fc11f39be1729bf973a7ab6a615ca4729d6457488ac");
        var p2pkhSegwit = Script.FromHex("00141fc11f39be1729bf973a7ab6a615ca4729d64574");
        var json = One("decodescript", p2pkh.ToHex());
        Assert.Equal(["asm", "desc", "address", "type", "p2sh", "segwit"], TxJsonOracle.Keys(json));
        Assert.Equal("OP_DUP OP_HASH160 1fc11f39be1729bf973a7ab6a615ca4729d64574 OP_EQUALVERIFY OP_CHECKSIG", (string?)json["asm"]);
        Assert.Equal("addr(13tuJJDR2RgArmgfv6JScSdreahzgc4T6o)#ztmwxg4c", (string?)json["desc"]);
        Assert.Equal("13tuJJDR2RgArmgfv6JScSdreahzgc4T6o", (string?)json["address"]);
        Assert.Equal("pubkeyhash", (string?)json["type"]);
        Assert.Equal(P2sh(p2pkh), (string?)json["p2sh"]);
        var segwit = json["segwit"]!;
        Assert.Equal(["asm", "desc", "hex", "address", "type", "p2sh-segwit"], TxJsonOracle.Keys(segwit));
        Assert.Equal(p2pkhSegwit.ToHex(), (string?)segwit["hex"]);
        Assert.Equal("0 1fc11f39be1729bf973a7ab6a615ca4729d64574", (string?)segwit["asm"]);
        string address = p2pkhSegwit.GetDestinationAddress(Network.Main)!.ToString();
        Assert.Equal(address, (string?)segwit["address"]);
        Assert.Equal($"addr({address})#{DescriptorChecksum.Compute($"addr({address})")}", (string?)segwit["desc"]);
        Assert.Equal("witness_v0_keyhash", (string?)segwit["type"]);
        Assert.Equal(P2sh(p2pkhSegwit), (string?)segwit["p2sh-segwit"]);
    }

    [Fact]
    public void Decodescript_of_a_compressed_multisig_infers_wsh_multi_for_its_segwit_form()
    {
        const string key1 = "02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397", key2 = "021ac43c7ff740014c3b33737ede99c967e4764553d1b2b83db77c83b8715fa72d";
        var multisig = Script.FromHex("5221" + key1 + "21" + key2 + "52ae");
        var json = One("decodescript", multisig.ToHex());
        Assert.Equal(["asm", "desc", "type", "p2sh", "segwit"], TxJsonOracle.Keys(json));
        Assert.Equal($"2 {key1} {key2} 2 OP_CHECKMULTISIG", (string?)json["asm"]);
        Assert.Equal($"multi(2,{key1},{key2})#{DescriptorChecksum.Compute($"multi(2,{key1},{key2})")}", (string?)json["desc"]);
        Assert.Equal(P2sh(multisig), (string?)json["p2sh"]);
        var segwit = json["segwit"]!;
        var p2wsh = multisig.WitHash.ScriptPubKey;
        Assert.Equal(p2wsh.ToHex(), (string?)segwit["hex"]);
        Assert.Equal(p2wsh.GetDestinationAddress(Network.Main)!.ToString(), (string?)segwit["address"]);
        string wsh = $"wsh(multi(2,{key1},{key2}))";
        Assert.Equal($"{wsh}#{DescriptorChecksum.Compute(wsh)}", (string?)segwit["desc"]);
        Assert.Equal("witness_v0_scripthash", (string?)segwit["type"]);
        Assert.Equal(P2sh(p2wsh), (string?)segwit["p2sh-segwit"]);
    }

    [Fact]
    public void Decodescript_leaves_out_what_core_will_not_wrap_and_rejects_bad_hex()
    {
        string uncompressed = "04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";
        const string compressed = "02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397";
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("decodescript", "41" + uncompressed + "ac"),
            BitcoinCoreClient.Call.Of("decodescript", "21" + compressed + "ac"),
            BitcoinCoreClient.Call.Of("decodescript", "6a00"),
            BitcoinCoreClient.Call.Of("decodescript", "0014a2516e770582864a6a56ed21a102044e388c62e3"),
            BitcoinCoreClient.Call.Of("decodescript", "a9146edf12858999f0dae74f9c692e6694ee3621b2ac87"),
            BitcoinCoreClient.Call.Of("decodescript", ""),
            BitcoinCoreClient.Call.Of("decodescript", "51ba"),
            BitcoinCoreClient.Call.Of("decodescript", "zz"),
            BitcoinCoreClient.Call.Of("decodescript", "abc"));
        // P2PK: no address; an uncompressed key cannot go into segwit, a compressed one becomes P2WPKH of its hash.
        Assert.Equal(["asm", "desc", "type", "p2sh"], TxJsonOracle.Keys(outcomes[0].Value));
        Assert.Equal($"pk({uncompressed})#{DescriptorChecksum.Compute($"pk({uncompressed})")}", (string?)outcomes[0].Value["desc"]);
        var p2wpkh = new PubKey(compressed).WitHash.ScriptPubKey;
        Assert.Equal(p2wpkh.ToHex(), (string?)outcomes[1].Value["segwit"]!["hex"]);
        Assert.Equal(p2wpkh.GetDestinationAddress(Network.Main)!.ToString(), (string?)outcomes[1].Value["segwit"]!["address"]);
        // Data carriers, witness programs and P2SH are never wrapped; a witness program still gets P2SH.
        Assert.Equal(["asm", "desc", "type"], TxJsonOracle.Keys(outcomes[2].Value));
        Assert.Equal("OP_RETURN 0", (string?)outcomes[2].Value["asm"]);
        Assert.Equal(["asm", "desc", "address", "type", "p2sh"], TxJsonOracle.Keys(outcomes[3].Value));
        Assert.Equal(["asm", "desc", "address", "type"], TxJsonOracle.Keys(outcomes[4].Value));
        // The empty script is valid and wraps in both.
        Assert.Equal("", (string?)outcomes[5].Value["asm"]);
        Assert.Equal($"raw()#{DescriptorChecksum.Compute("raw()")}", (string?)outcomes[5].Value["desc"]);
        Assert.Equal(Script.Empty.WitHash.GetAddress(Network.Main).ToString(), (string?)outcomes[5].Value["segwit"]!["address"]);
        // OP_CHECKSIGADD (tapscript only) is not wrapped.
        Assert.Equal(["asm", "desc", "type"], TxJsonOracle.Keys(outcomes[6].Value));
        Assert.Equal((-8, "argument must be hexadecimal string (not 'zz')"), (outcomes[7].ErrorCode!.Value, outcomes[7].ErrorMessage));
        Assert.Equal((-8, "argument must be hexadecimal string (not 'abc')"), (outcomes[8].ErrorCode!.Value, outcomes[8].ErrorMessage));
    }

    [Fact]
    public void Help_lists_the_rawtransactions_category()
    {
        string all = (string)One("help")!;
        Assert.Contains("\n\n== Rawtransactions ==\ndecoderawtransaction \"hexstring\" ( iswitness )\ndecodescript \"hexstring\"\n", all + "\n");
        Assert.StartsWith("decodescript \"hexstring\"\n\nDecode a hex-encoded script.\n", (string)One("help", "decodescript")!);
    }
}
