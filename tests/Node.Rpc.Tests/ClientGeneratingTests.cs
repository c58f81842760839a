using System.Text.Json.Nodes;
using NBitcoin;
using Node.Chain.State;
using Node.Primitives.Consensus;
using Node.Rpc.Backends;
using Node.Rpc.Http;
using Node.Rpc.Tests.Client;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>A real regtest chain state with the real block assembler behind the generating methods, on a real server.</summary>
public sealed class RegtestNode : IAsyncLifetime
{
    private ChainState? _chain;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sharpnode-rpc-" + Guid.NewGuid().ToString("N"));

    public RpcServer Server { get; private set; } = null!;

    public Uri Url => new($"http://127.0.0.1:{Server.Port}/");

    public string CookiePassword => File.ReadAllText(Server.CookiePath!).Split(':')[1];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _chain = ChainState.Open(DataDirectory, ChainParams.Regtest);
        var gate = new object();
        var backends = new RpcBackends(new ChainStateBlockchainBackend(_chain, DataDirectory, gate), Mining: new ChainStateMiningBackend(_chain, gate, TimeProvider.System));
        Server = await RpcServer.StartAsync(new RpcServerOptions { DataDirectory = DataDirectory, Port = 0 }, backends);
    }

    public async Task DisposeAsync()
    {
        await Server.StopAsync();
        _chain?.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>generatetoaddress and generateblock through the npm client; the blocks are read back and checked with NBitcoin.</summary>
public sealed class ClientGeneratingTests(RegtestNode node) : IClassFixture<RegtestNode>
{
    private static readonly Key Key = new(Enumerable.Repeat((byte)7, 32).ToArray());

    private IReadOnlyList<Outcome> Call(params BitcoinCoreClient.Call[] calls) => Run(node.Url, "__cookie__", node.CookiePassword, calls);

    private static NBitcoin.Block Parse(JsonNode hex) => NBitcoin.Block.Parse((string)hex!, Network.RegTest);

    [Fact]
    public void Generated_blocks_pay_the_address_and_extend_the_chain()
    {
        foreach (var kind in new[] { ScriptPubKeyType.Segwit, ScriptPubKeyType.Legacy, ScriptPubKeyType.TaprootBIP86, ScriptPubKeyType.SegwitP2SH })
        {
            var address = Key.PubKey.GetAddress(kind, Network.RegTest);
            var before = (int)Call(BitcoinCoreClient.Call.Of("getblockcount"))[0].Value;
            var hashes = Call(BitcoinCoreClient.Call.Of("generatetoaddress", 3, address.ToString()))[0].Value.AsArray();
            Assert.Equal(3, hashes.Count);

            var outcomes = Call(
                BitcoinCoreClient.Call.Of("getblockcount"),
                BitcoinCoreClient.Call.Of("getbestblockhash"),
                BitcoinCoreClient.Call.Of("getblock", (string?)hashes[0], 0),
                BitcoinCoreClient.Call.Of("getblockheader", (string?)hashes[2]));
            Assert.Equal(before + 3, (int)outcomes[0].Value);
            Assert.Equal((string?)hashes[2], (string?)outcomes[1].Value);
            var block = Parse(outcomes[2].Value);
            Assert.Equal((string?)hashes[0], block.GetHash().ToString());
            Assert.True(block.Header.CheckProofOfWork());
            Assert.True(block.CheckMerkleRoot());
            Assert.Equal(address.ScriptPubKey, block.Transactions[0].Outputs[0].ScriptPubKey);
            Assert.Equal(before + 3, (int)outcomes[3].Value["height"]!);
            Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000", (string?)outcomes[3].Value["target"]);
        }
    }

    [Fact]
    public void Generateblock_submits_or_returns_the_block()
    {
        var address = Key.PubKey.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString();
        var before = (int)Call(BitcoinCoreClient.Call.Of("getblockcount"))[0].Value;

        var unsubmitted = Call(BitcoinCoreClient.Call.Of("generateblock", address, new JsonArray(), false))[0].Value;
        var block = Parse(unsubmitted["hex"]!);
        Assert.Equal((string?)unsubmitted["hash"], block.GetHash().ToString());
        Assert.Equal(before, (int)Call(BitcoinCoreClient.Call.Of("getblockcount"))[0].Value);

        var submitted = Call(BitcoinCoreClient.Call.Of("generateblock", address, new JsonArray()))[0].Value;
        Assert.Null(submitted["hex"]);
        var outcomes = Call(BitcoinCoreClient.Call.Of("getblockcount"), BitcoinCoreClient.Call.Of("getbestblockhash"));
        Assert.Equal(before + 1, (int)outcomes[0].Value);
        Assert.Equal((string?)submitted["hash"], (string?)outcomes[1].Value);
    }

    [Fact]
    public void Generateblock_refuses_bad_transactions_with_cores_codes()
    {
        var address = Key.PubKey.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString();
        var duplicateInputs = Network.RegTest.CreateTransaction();
        var prevout = new OutPoint(uint256.One, 0);
        duplicateInputs.Inputs.Add(prevout);
        duplicateInputs.Inputs.Add(prevout);
        duplicateInputs.Outputs.Add(Money.Coins(1), Key.PubKey.WitHash);
        string txid = new string('a', 64);

        var outcomes = Call(
            BitcoinCoreClient.Call.Of("generateblock", address, new JsonArray("00")),
            BitcoinCoreClient.Call.Of("generateblock", address, new JsonArray(txid)),
            BitcoinCoreClient.Call.Of("generateblock", address, new JsonArray(duplicateInputs.ToHex())),
            BitcoinCoreClient.Call.Of("generateblock", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", new JsonArray()));
        Assert.Equal((-22, "Transaction decode failed for 00. Make sure the tx has at least one input."), (outcomes[0].ErrorCode!.Value, outcomes[0].ErrorMessage));
        Assert.Equal((-5, $"Transaction {txid} not in mempool."), (outcomes[1].ErrorCode!.Value, outcomes[1].ErrorMessage));
        Assert.Equal((-25, "TestBlockValidity failed: bad-txns-inputs-duplicate"), (outcomes[2].ErrorCode!.Value, outcomes[2].ErrorMessage));
        Assert.Equal((-5, "Error: Invalid address or descriptor"), (outcomes[3].ErrorCode!.Value, outcomes[3].ErrorMessage));
    }
}
