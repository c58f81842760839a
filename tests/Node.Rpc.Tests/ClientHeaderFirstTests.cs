using Node.Rpc.Tests.Client;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>A header ahead of the blocks (submitheader), then the blocks out of order, as getblockheader, getchaintips and submitblock see them.</summary>
public sealed class ClientHeaderFirstTests(RpcNodeAt436 node) : IClassFixture<RpcNodeAt436>
{
    private IReadOnlyList<Outcome> Send(params Call[] calls) => Run(node.Url, "__cookie__", node.CookiePassword, calls);

    [Fact]
    public void Header_then_child_block_then_parent_block()
    {
        string hash437 = RpcNode.HashAt(437).ToString(), hash438 = RpcNode.HashAt(438).ToString();
        var outcomes = Send(
            Call.Of("submitheader", Convert.ToHexStringLower(RpcNode.Blocks.Value[437].AsSpan(0, 80))),
            Call.Of("getblockheader", hash437),
            Call.Of("getchaintips"),
            Call.Of("getblockchaininfo"),
            Call.Of("getblock", hash437));
        Assert.True(outcomes[0].Ok);
        var header = outcomes[1].Value;
        Assert.Equal(437, (int)header["height"]!);
        Assert.Equal(-1, (int)header["confirmations"]!);
        Assert.Equal(0, (int)header["nTx"]!);
        Assert.Null(header["nextblockhash"]);
        var tips = outcomes[2].Value.AsArray();
        Assert.Equal(2, tips.Count);
        Assert.Equal((437, hash437, 1, "headers-only"), ((int)tips[0]!["height"]!, (string)tips[0]!["hash"]!, (int)tips[0]!["branchlen"]!, (string)tips[0]!["status"]!));
        Assert.Equal((436, 0, "active"), ((int)tips[1]!["height"]!, (int)tips[1]!["branchlen"]!, (string)tips[1]!["status"]!));
        var info = outcomes[3].Value;
        Assert.Equal(436, (int)info["blocks"]!);
        Assert.Equal(437, (int)info["headers"]!);
        // The client (json-bigint) hands over numbers with more than 15 significant digits as strings.
        Assert.Equal(436.0 / 437, double.Parse(info["verificationprogress"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((-1, "Block not found on disk"), (outcomes[4].ErrorCode!.Value, outcomes[4].ErrorMessage));

        outcomes = Send(
            Call.Of("submitblock", Convert.ToHexStringLower(RpcNode.Blocks.Value[438])),
            Call.Of("getchaintips"),
            Call.Of("submitblock", Convert.ToHexStringLower(RpcNode.Blocks.Value[437])),
            Call.Of("getblockcount"),
            Call.Of("getchaintips"),
            Call.Of("getblockheader", hash437));
        Assert.Equal("inconclusive", (string?)outcomes[0].Value);
        var tip = outcomes[1].Value.AsArray()[0]!;
        Assert.Equal((438, hash438, 2, "headers-only"), ((int)tip["height"]!, (string)tip["hash"]!, (int)tip["branchlen"]!, (string)tip["status"]!));
        Assert.True(outcomes[2].Ok);
        Assert.Null(outcomes[2].Result);
        Assert.Equal(438, (int)outcomes[3].Value);
        Assert.Equal("active", (string?)outcomes[4].Value.AsArray().Single()!["status"]);
        Assert.Equal(2, (int)outcomes[5].Value["confirmations"]!);
        Assert.Equal(hash438, (string?)outcomes[5].Value["nextblockhash"]);
    }
}
