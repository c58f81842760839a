using System.Text.Json.Nodes;

namespace Node.Rpc.Tests;

/// <summary>TxToUniv for every transaction of the real mainnet data, field by field against NBitcoin.</summary>
public sealed class TransactionJsonRealDataTests
{
    private static readonly string[] Files =
    [
        "blocks/mainnet-0-438.blk", "blocks/btcd-277647.blk", "blocks/mainnet-367891.raw", "blocks/mainnet-413567.raw",
        "blocks/mainnet-540107.raw", "blocks/mainnet-574200.raw", "blocks/megatx.tx",
    ];

    public static TheoryData<string> Sources => [.. Files];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_transaction_matches_nbitcoin(string source)
    {
        int count = 0;
        foreach (var raw in TxJsonOracle.RealTransactions(source))
        {
            bool withHex = count % 2 == 0;
            TxJsonOracle.Check(TxJsonOracle.Ours(raw, withHex), raw, withHex);
            count++;
        }
        Assert.True(count > 0);
    }

    /// <summary>The data reaches the cases the checks are for, so the comparison above is not vacuous.</summary>
    [Fact]
    public void The_real_data_covers_every_common_shape()
    {
        var types = new HashSet<string>();
        var sighashes = new HashSet<string>();
        bool witness = false, coinbaseWitness = false, negativeOrSmallNumber = false;
        foreach (var source in Files)
        {
            foreach (var raw in TxJsonOracle.RealTransactions(source))
            {
                var json = TxJsonOracle.Ours(raw, includeHex: false);
                foreach (var output in json["vout"]!.AsArray()) types.Add((string)output!["scriptPubKey"]!["type"]!);
                foreach (var input in json["vin"]!.AsArray())
                {
                    witness |= input!["txinwitness"] is not null;
                    coinbaseWitness |= input["coinbase"] is not null && input["txinwitness"] is not null;
                    if (input["scriptSig"]?["asm"] is JsonNode asm)
                        foreach (var token in ((string)asm!).Split(' '))
                        {
                            int open = token.IndexOf('[', StringComparison.Ordinal);
                            if (open > 0) sighashes.Add(token[open..]);
                            negativeOrSmallNumber |= token.Length is > 0 and <= 3 && int.TryParse(token, out _);
                        }
                }
            }
        }
        Assert.Equal("nonstandard,nulldata,pubkey,pubkeyhash,scripthash,witness_v0_keyhash,witness_v0_scripthash", string.Join(",", types.Order(StringComparer.Ordinal)));
        Assert.Contains("[ALL]", sighashes);
        Assert.True(witness && coinbaseWitness && negativeOrSmallNumber);
    }
}
