using Node.Rpc.Tests.Client;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>submitblock changing the chain: the real blocks 437 and 438 onto a node at 436, through the npm client.</summary>
public sealed class ClientSubmitBlockTests(RpcNodeAt436 node) : IClassFixture<RpcNodeAt436>
{
    [Fact]
    public void Orphan_then_parent_then_mutated_then_real_block_then_duplicate()
    {
        var block437 = RpcNode.Blocks.Value[437];
        var block438 = RpcNode.Blocks.Value[438];
        var mutated = (byte[])block438.Clone();
        mutated[^5] ^= 1; // a byte of the last transaction: the header (and its proof of work) stay valid

        var outcomes = Run(node.Url, "__cookie__", node.CookiePassword,
        [
            Call.Of("getblockcount"),
            Call.Of("submitblock", Convert.ToHexStringLower(block438)),
            Call.Of("submitblock", Convert.ToHexStringLower(block437)),
            Call.Of("submitblock", Convert.ToHexStringLower(mutated)),
            Call.Of("submitblock", Convert.ToHexStringLower(block438)),
            Call.Of("getbestblockhash"),
            Call.Of("submitblock", Convert.ToHexStringLower(block438)),
            Call.Of("getchaintips"),
        ]);
        Assert.Equal(436, (int)outcomes[0].Value);
        Assert.Equal("prev-blk-not-found", (string?)outcomes[1].Value);
        Assert.True(outcomes[2].Ok);
        Assert.Null(outcomes[2].Result);
        Assert.Equal("bad-txnmrklroot", (string?)outcomes[3].Value);
        Assert.True(outcomes[4].Ok);
        Assert.Null(outcomes[4].Result);
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)outcomes[5].Value);
        Assert.Equal("duplicate", (string?)outcomes[6].Value);
        Assert.Equal(438, (int)outcomes[7].Value.AsArray().Single()!["height"]!);
    }
}
