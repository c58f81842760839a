using System.Text.Json.Nodes;
using Node.Primitives;
using Node.Rpc.Tests.Client;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>The blockchain methods through the npm bitcoin-core client against the real mainnet chain 0..438.</summary>
public sealed class ClientBlockchainTests(RpcNode node) : IClassFixture<RpcNode>
{
    private IReadOnlyList<Outcome> Call(params Call[] calls) => Run(node.Url, "__cookie__", node.CookiePassword, calls);

    private JsonNode One(string method, params JsonNode?[] args) => Call(BitcoinCoreClient.Call.Of(method, args))[0].Value;

    private Outcome Fail(string method, params JsonNode?[] args)
    {
        var outcome = Call(BitcoinCoreClient.Call.Of(method, args))[0];
        Assert.False(outcome.Ok, $"{method} should fail");
        return outcome;
    }

    [Fact]
    public void Getblockchaininfo_describes_the_real_chain_at_438()
    {
        var info = One("getblockchaininfo");
        var tip = BlockHeader.Read(RpcNode.Blocks.Value[438]);
        Assert.Equal("main", (string?)info["chain"]);
        Assert.Equal(438, (int)info["blocks"]!);
        Assert.Equal(438, (int)info["headers"]!);
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)info["bestblockhash"]);
        Assert.Equal("1d00ffff", (string?)info["bits"]);
        Assert.Equal("00000000ffff0000000000000000000000000000000000000000000000000000", (string?)info["target"]);
        Assert.Equal(1.0, (double)info["difficulty"]!);
        Assert.Equal(tip.Time, (uint)info["time"]!);
        Assert.Equal(Oracle.MedianTimePast(438), (uint)info["mediantime"]!);
        Assert.Equal(1.0, (double)info["verificationprogress"]!);
        Assert.False((bool)info["initialblockdownload"]!);
        Assert.Equal(Oracle.ChainWork(438), (string?)info["chainwork"]);
        Assert.Equal("000000000000000000000000000000000000000000000000000001b701b701b7", (string?)info["chainwork"]);
        long blockBytes = RpcNode.Blocks.Value.Sum(b => (long)b.Length + 8);
        Assert.True((long)info["size_on_disk"]! >= blockBytes, $"size_on_disk {info["size_on_disk"]} below the {blockBytes} bytes of the blocks");
        Assert.False((bool)info["pruned"]!);
        Assert.Empty(info["warnings"]!.AsArray());
    }

    [Fact]
    public void Getblockcount_getbestblockhash_and_getblockhash_follow_the_chain()
    {
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("getblockcount"),
            BitcoinCoreClient.Call.Of("getbestblockhash"),
            BitcoinCoreClient.Call.Of("getblockhash", 0),
            BitcoinCoreClient.Call.Of("getblockhash", 170),
            BitcoinCoreClient.Call.Of("getblockhash", 438),
            BitcoinCoreClient.Call.Of("getblockhash", 439),
            BitcoinCoreClient.Call.Of("getblockhash", -1),
            BitcoinCoreClient.Call.Of("getblockhash", "ten"));
        Assert.Equal(438, (int)outcomes[0].Value);
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)outcomes[1].Value);
        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", (string?)outcomes[2].Value);
        Assert.Equal(Oracle.Block(170).GetHash().ToString(), (string?)outcomes[3].Value);
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)outcomes[4].Value);
        foreach (var outOfRange in outcomes.Skip(5).Take(2))
        {
            Assert.Equal(-8, outOfRange.ErrorCode);
            Assert.Equal("Block height out of range", outOfRange.ErrorMessage);
        }
        Assert.Equal(-3, outcomes[7].ErrorCode);
        Assert.Contains("JSON value of type string is not of expected type number", outcomes[7].ErrorMessage);
    }

    [Fact]
    public void Getblockheader_of_170_matches_the_real_header()
    {
        var expected = Oracle.Block(170).Header;
        var header = One("getblockheader", RpcNode.HashAt(170).ToString());
        Assert.Equal(expected.GetHash().ToString(), (string?)header["hash"]);
        Assert.Equal(438 - 170 + 1, (int)header["confirmations"]!);
        Assert.Equal(170, (int)header["height"]!);
        Assert.Equal(expected.Version, (int)header["version"]!);
        Assert.Equal("00000001", (string?)header["versionHex"]);
        Assert.Equal(expected.HashMerkleRoot.ToString(), (string?)header["merkleroot"]);
        Assert.Equal(expected.BlockTime.ToUnixTimeSeconds(), (long)header["time"]!);
        Assert.Equal(Oracle.MedianTimePast(170), (uint)header["mediantime"]!);
        Assert.Equal(expected.Nonce, (uint)header["nonce"]!);
        Assert.Equal("1d00ffff", (string?)header["bits"]);
        Assert.Equal(expected.Bits.Difficulty, (double)header["difficulty"]!);
        Assert.Equal(Oracle.ChainWork(170), (string?)header["chainwork"]);
        Assert.Equal(2, (int)header["nTx"]!);
        Assert.Equal(expected.HashPrevBlock.ToString(), (string?)header["previousblockhash"]);
        Assert.Equal(RpcNode.HashAt(171).ToString(), (string?)header["nextblockhash"]);

        var genesis = One("getblockheader", RpcNode.HashAt(0).ToString());
        Assert.Null(genesis["previousblockhash"]);
        var tip = One("getblockheader", RpcNode.HashAt(438).ToString());
        Assert.Equal(1, (int)tip["confirmations"]!);
        Assert.Null(tip["nextblockhash"]);

        string hex = (string)One("getblockheader", RpcNode.HashAt(170).ToString(), false)!;
        Assert.Equal(Convert.ToHexStringLower(RpcNode.Blocks.Value[170].AsSpan(0, 80)), hex);
    }

    [Fact]
    public void Getindexinfo_lists_no_index_filtered_or_not_and_checks_its_argument()
    {
        Assert.Equal("{}", One("getindexinfo").ToJsonString());
        Assert.Equal("{}", One("getindexinfo", "txindex").ToJsonString());
        Assert.Equal(-3, Fail("getindexinfo", 5).ErrorCode);
    }

    [Fact]
    public void Unknown_or_malformed_block_hashes_get_cores_errors()
    {
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("getblockheader", new string('1', 64)),
            BitcoinCoreClient.Call.Of("getblock", new string('1', 64)),
            BitcoinCoreClient.Call.Of("getblock", "abc"),
            BitcoinCoreClient.Call.Of("getblockheader", new string('z', 64)));
        Assert.All(outcomes.Take(2), o => Assert.Equal((-5, "Block not found"), (o.ErrorCode!.Value, o.ErrorMessage)));
        Assert.Equal((-8, "blockhash must be of length 64 (not 3, for 'abc')"), (outcomes[2].ErrorCode!.Value, outcomes[2].ErrorMessage));
        Assert.Equal(-8, outcomes[3].ErrorCode);
        Assert.Equal($"blockhash must be hexadecimal string (not '{new string('z', 64)}')", outcomes[3].ErrorMessage);
    }

    [Fact]
    public void Getblock_170_lists_the_first_bitcoin_transaction()
    {
        var expected = Oracle.Block(170);
        var block = One("getblock", RpcNode.HashAt(170).ToString());
        string[] txids = [.. block["tx"]!.AsArray().Select(t => (string)t!)];
        Assert.Equal(expected.Transactions.Select(t => t.GetHash().ToString()), txids);
        Assert.Equal<string>(["b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c5082", "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"], txids);
        int size = RpcNode.Blocks.Value[170].Length;
        Assert.Equal(size, (int)block["size"]!);
        Assert.Equal(size, (int)block["strippedsize"]!);
        Assert.Equal(4 * size, (int)block["weight"]!);
        Assert.Equal(2, (int)block["nTx"]!);
        Assert.Equal(170, (int)block["height"]!);

        string hex = (string)One("getblock", RpcNode.HashAt(170).ToString(), 0)!;
        Assert.Equal(Convert.ToHexStringLower(RpcNode.Blocks.Value[170]), hex);
        Assert.Equal(hex, (string?)One("getblock", RpcNode.HashAt(170).ToString(), false));
    }

    [Fact]
    public void Getrawtransaction_finds_the_first_bitcoin_transaction_in_the_block_it_is_given()
    {
        const string txid = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";
        string block170 = RpcNode.HashAt(170).ToString();
        var expected = Oracle.Block(170).Transactions[1];
        Assert.Equal(expected.ToHex(), (string?)One("getrawtransaction", txid, 0, block170));
        Assert.Equal(expected.ToHex(), (string?)One("getrawtransaction", txid, false, block170));

        // TxToUniv as getblock verbosity 2 writes it, inside Core's getrawtransaction fields.
        var asInBlock = One("getblock", block170, 2)["tx"]![1]!.AsObject();
        foreach (var verbosity in new JsonNode[] { 1, true, 2 })
        {
            var tx = One("getrawtransaction", txid, verbosity, block170).AsObject();
            Assert.Equal(["in_active_chain", .. asInBlock.Select(kv => kv.Key), "blockhash", "confirmations", "time", "blocktime"], tx.Select(kv => kv.Key));
            Assert.True((bool)tx["in_active_chain"]!);
            foreach (var (key, value) in asInBlock) Assert.Equal(value!.ToJsonString(), tx[key]!.ToJsonString());
            Assert.Equal(block170, (string?)tx["blockhash"]);
            Assert.Equal((int)One("getblockcount") - 170 + 1, (int)tx["confirmations"]!);
            Assert.Equal(Oracle.Block(170).Header.BlockTime.ToUnixTimeSeconds(), (long)tx["time"]!);
            Assert.Equal((long)tx["time"]!, (long)tx["blocktime"]!);
        }

        // Without a mempool or -txindex a block is needed; the rest are Core's errors.
        AssertError(Fail("getrawtransaction", txid), -5,
            "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.");
        AssertError(Fail("getrawtransaction", txid, 0, RpcNode.HashAt(169).ToString()), -5,
            "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
        AssertError(Fail("getrawtransaction", txid, 0, new string('1', 64)), -5, "Block hash not found");
        AssertError(Fail("getrawtransaction", Oracle.Block(0).Transactions[0].GetHash().ToString(), 0, RpcNode.HashAt(0).ToString()), -5,
            "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved");
        AssertError(Fail("getrawtransaction", "abc"), -8, "parameter 1 must be of length 64 (not 3, for 'abc')");
        AssertError(Fail("getrawtransaction", txid, 0, "xyz"), -8, "parameter 3 must be of length 64 (not 3, for 'xyz')");
        Assert.Equal(-3, Fail("getrawtransaction", txid, "1", block170).ErrorCode);
    }

    private static void AssertError(Outcome outcome, int code, string message) => Assert.Equal((code, message), (outcome.ErrorCode!.Value, outcome.ErrorMessage));

    [Fact]
    public void Named_parameters_reach_the_same_arguments()
    {
        var outcomes = Run(node.Url, "__cookie__", node.CookiePassword,
            [
                BitcoinCoreClient.Call.Of("getblock", new JsonObject { ["blockhash"] = RpcNode.HashAt(9).ToString(), ["verbosity"] = 0 }),
                BitcoinCoreClient.Call.Of("getblockhash", new JsonObject { ["height"] = 9 }),
                BitcoinCoreClient.Call.Of("getblockhash", new JsonObject { ["heigth"] = 9 }),
            ], namedParameters: true);
        Assert.Equal(Convert.ToHexStringLower(RpcNode.Blocks.Value[9]), (string?)outcomes[0].Value);
        Assert.Equal(RpcNode.HashAt(9).ToString(), (string?)outcomes[1].Value);
        Assert.Equal((-8, "Unknown named parameter heigth"), (outcomes[2].ErrorCode!.Value, outcomes[2].ErrorMessage));
    }

    [Fact]
    public void Getchaintips_and_getdifficulty()
    {
        var tips = One("getchaintips").AsArray();
        var tip = Assert.Single(tips)!;
        Assert.Equal(438, (int)tip["height"]!);
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)tip["hash"]);
        Assert.Equal(0, (int)tip["branchlen"]!);
        Assert.Equal("active", (string?)tip["status"]);
        Assert.Equal(1.0, (double)One("getdifficulty"));
    }

    [Fact]
    public void Submitblock_answers_duplicate_decode_failures_and_rule_breaks()
    {
        var block100 = RpcNode.Blocks.Value[100];
        var lowWork = (byte[])block100.Clone();
        lowWork[76]++; // the nonce: the header no longer meets its target
        var noCoinbase = (byte[])RpcNode.Blocks.Value[170].Clone();
        noCoinbase[81 + 4 + 1 + 32] ^= 0xff; // the coinbase's null prevout index
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("submitblock", Convert.ToHexStringLower(block100)),
            BitcoinCoreClient.Call.Of("submitblock", "00"),
            BitcoinCoreClient.Call.Of("submitblock", "zz"),
            BitcoinCoreClient.Call.Of("submitblock", Convert.ToHexStringLower(block100.AsSpan(0, block100.Length - 1))),
            BitcoinCoreClient.Call.Of("submitblock", Convert.ToHexStringLower(lowWork)),
            BitcoinCoreClient.Call.Of("submitblock", Convert.ToHexStringLower(noCoinbase)));
        Assert.Equal("duplicate", (string?)outcomes[0].Value);
        Assert.All(outcomes.Skip(1).Take(3), o => Assert.Equal((-22, "Block decode failed"), (o.ErrorCode!.Value, o.ErrorMessage)));
        Assert.Equal("high-hash", (string?)outcomes[4].Value);
        Assert.Equal((-22, "Block does not start with a coinbase"), (outcomes[5].ErrorCode!.Value, outcomes[5].ErrorMessage));
    }

    [Fact]
    public void Submitheader_decodes_checks_the_parent_and_reports_the_rule()
    {
        var header100 = Convert.ToHexStringLower(RpcNode.Blocks.Value[100].AsSpan(0, 80));
        var lowWork = RpcNode.Blocks.Value[100].AsSpan(0, 80).ToArray();
        lowWork[76]++;
        var orphan = RpcNode.Blocks.Value[100].AsSpan(0, 80).ToArray();
        orphan[4] ^= 1;
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("submitheader", header100),
            BitcoinCoreClient.Call.Of("submitheader", header100[..158]),
            BitcoinCoreClient.Call.Of("submitheader", Convert.ToHexStringLower(lowWork)),
            BitcoinCoreClient.Call.Of("submitheader", Convert.ToHexStringLower(orphan)));
        Assert.True(outcomes[0].Ok);
        Assert.Null(outcomes[0].Result);
        Assert.Equal((-22, "Block header decode failed"), (outcomes[1].ErrorCode!.Value, outcomes[1].ErrorMessage));
        Assert.Equal((-25, "high-hash"), (outcomes[2].ErrorCode!.Value, outcomes[2].ErrorMessage));
        var parent = new Hash256(orphan.AsSpan(4, 32));
        Assert.Equal((-25, $"Must submit previous header ({parent}) first"), (outcomes[3].ErrorCode!.Value, outcomes[3].ErrorMessage));
    }

    [Fact]
    public void Network_methods_report_p2p_disabled_without_a_connection_manager()
    {
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("getpeerinfo"),
            BitcoinCoreClient.Call.Of("getconnectioncount"),
            BitcoinCoreClient.Call.Of("getnetworkinfo"),
            BitcoinCoreClient.Call.Of("addnode", "127.0.0.1:8333", "add"),
            BitcoinCoreClient.Call.Of("disconnectnode", "127.0.0.1:8333"),
            BitcoinCoreClient.Call.Of("setban", "10.0.0.0/8", "add"),
            BitcoinCoreClient.Call.Of("listbanned"),
            BitcoinCoreClient.Call.Of("clearbanned"));
        Assert.All(outcomes, o => Assert.Equal((-31, "Error: Peer-to-peer functionality missing or disabled"), (o.ErrorCode!.Value, o.ErrorMessage)));
    }

    [Fact]
    public void Generating_checks_the_address_before_anything_else()
    {
        var outcomes = Call(
            BitcoinCoreClient.Call.Of("generatetoaddress", 1, "not-an-address"),
            BitcoinCoreClient.Call.Of("generatetoaddress", 1, "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"),
            BitcoinCoreClient.Call.Of("generateblock", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", new JsonArray()),
            BitcoinCoreClient.Call.Of("generateblock", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", new JsonArray()));
        Assert.Equal((-5, "Error: Invalid address"), (outcomes[0].ErrorCode!.Value, outcomes[0].ErrorMessage));
        // A regtest address on mainnet is invalid too.
        Assert.Equal((-5, "Error: Invalid address"), (outcomes[1].ErrorCode!.Value, outcomes[1].ErrorMessage));
        // A valid mainnet address passes the address check; this node was started without a block assembler.
        Assert.Equal(-1, outcomes[2].ErrorCode);
        Assert.Equal((-5, "Error: Invalid address or descriptor"), (outcomes[3].ErrorCode!.Value, outcomes[3].ErrorMessage));
    }

    [Fact]
    public void Help_lists_every_method_and_explains_one()
    {
        string all = (string)One("help")!;
        foreach (string method in new[] { "getblockchaininfo", "getblockcount", "getbestblockhash", "getblockhash height", "getblockheader \"blockhash\" ( verbose )",
                     "getblock \"blockhash\" ( verbosity )", "getchaintips", "getdifficulty", "getpeerinfo", "getconnectioncount", "getnettotals", "getnetworkinfo", "ping", "getindexinfo ( \"index_name\" )", "getrawtransaction \"txid\" ( verbosity \"blockhash\" )",
                     "addnode \"node\" \"command\"", "disconnectnode ( \"address\" nodeid )", "setban \"subnet\" \"command\" ( bantime absolute )", "listbanned",
                     "clearbanned", "submitblock \"hexdata\" ( \"dummy\" )", "submitheader \"hexdata\"", "generatetoaddress nblocks \"address\" ( maxtries )",
                     "generateblock \"output\" transactions ( submit )", "stop", "uptime", "help ( \"command\" )" })
            Assert.Contains("\n" + method + "\n", "\n" + all + "\n");
        Assert.StartsWith("== Blockchain ==\n", all);
        Assert.Contains("\n\n== Control ==\n", all);

        string one = (string)One("help", "getblockhash")!;
        Assert.StartsWith("getblockhash height\n\nReturns hash of block in best-block-chain at height provided.\n\nArguments:\n1. height    (numeric, required) The height index", one);
        Assert.Equal("help: unknown command: nosuchmethod", (string?)One("help", "nosuchmethod"));
    }

    [Fact]
    public void Wrong_argument_counts_raise_the_help_text()
    {
        var outcomes = Call(BitcoinCoreClient.Call.Of("getblockhash"), BitcoinCoreClient.Call.Of("getblockcount", 1));
        Assert.Equal(-1, outcomes[0].ErrorCode);
        Assert.StartsWith("getblockhash height\n", outcomes[0].ErrorMessage);
        Assert.Equal(-1, outcomes[1].ErrorCode);
        Assert.StartsWith("getblockcount\n", outcomes[1].ErrorMessage);
    }

    [Fact]
    public void Unknown_methods_wrong_passwords_and_batches_through_the_client()
    {
        var outcome = Call(BitcoinCoreClient.Call.Of("getblocktemplatex"))[0];
        Assert.Equal((-32601, "Method not found"), (outcome.ErrorCode!.Value, outcome.ErrorMessage));

        var denied = Run(node.Url, "__cookie__", "wrong", [BitcoinCoreClient.Call.Of("getblockcount")])[0];
        Assert.Equal(401, denied.ErrorCode);

        var batch = Call(BitcoinCoreClient.Call.OfBatch(
            BitcoinCoreClient.Call.Of("getblockcount"),
            BitcoinCoreClient.Call.Of("nosuchmethod"),
            BitcoinCoreClient.Call.Of("getblockhash", 1)))[0].Value.AsArray();
        Assert.Equal(438, (int)batch[0]!["result"]!);
        Assert.Equal(-32601, (int)batch[1]!["error"]!["code"]!);
        Assert.Equal(RpcNode.HashAt(1).ToString(), (string?)batch[2]!["result"]);
    }

    [Fact]
    public async Task Uptime_and_stop_reach_the_host()
    {
        var outcomes = Call(BitcoinCoreClient.Call.Of("uptime"), BitcoinCoreClient.Call.Of("stop"));
        Assert.Equal(42, (long)outcomes[0].Value);
        Assert.Equal("sharpnode stopping", (string?)outcomes[1].Value);
        await node.Control.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
