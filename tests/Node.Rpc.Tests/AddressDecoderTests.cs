using NBitcoin;
using Node.Primitives.Consensus;
using Node.Rpc.Codec;

namespace Node.Rpc.Tests;

/// <summary>Address to scriptPubKey, checked against NBitcoin's encoders and the BIP173/BIP350 vectors.</summary>
public sealed class AddressDecoderTests
{
    private static readonly Key[] Keys = [.. Enumerable.Range(1, 8).Select(i => new Key(Enumerable.Repeat((byte)i, 32).ToArray()))];

    public static TheoryData<string, string> Networks => new() { { "regtest", "RegTest" }, { "main", "Main" }, { "test", "TestNet" }, { "signet", "TestNet" } };

    private static Network NBitcoinNetwork(string name) => name switch
    {
        "Main" => Network.Main,
        "RegTest" => Network.RegTest,
        _ => Network.TestNet,
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_standard_address_kind_decodes_to_nbitcoins_script(string ours, string theirs)
    {
        var network = NBitcoinNetwork(theirs);
        var chain = ChainParams.FromName(ours);
        foreach (var key in Keys)
        {
            var pub = key.PubKey;
            BitcoinAddress[] addresses =
            [
                pub.GetAddress(ScriptPubKeyType.Legacy, network),
                pub.GetAddress(ScriptPubKeyType.SegwitP2SH, network),
                pub.GetAddress(ScriptPubKeyType.Segwit, network),
                pub.GetAddress(ScriptPubKeyType.TaprootBIP86, network),
                pub.ScriptPubKey.WitHash.GetAddress(network),
            ];
            foreach (var address in addresses)
            {
                Assert.True(AddressDecoder.TryGetScript(address.ToString(), chain, out byte[] script), address.ToString());
                Assert.Equal(address.ScriptPubKey.ToBytes(), script);
            }
        }
    }

    [Fact]
    public void Regtest_uses_bcrt_and_the_testnet_base58_prefixes()
    {
        var key = Keys[0].PubKey;
        Assert.True(AddressDecoder.TryGetScript(key.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString(), ChainParams.Regtest, out _));
        Assert.False(AddressDecoder.TryGetScript(key.GetAddress(ScriptPubKeyType.Segwit, Network.TestNet).ToString(), ChainParams.Regtest, out _));
        Assert.False(AddressDecoder.TryGetScript(key.GetAddress(ScriptPubKeyType.Segwit, Network.Main).ToString(), ChainParams.Regtest, out _));
        Assert.True(AddressDecoder.TryGetScript(key.GetAddress(ScriptPubKeyType.Legacy, Network.RegTest).ToString(), ChainParams.Regtest, out _));
        Assert.False(AddressDecoder.TryGetScript(key.GetAddress(ScriptPubKeyType.Legacy, Network.Main).ToString(), ChainParams.Regtest, out _));
    }

    [Theory]
    // BIP350 valid addresses (mainnet and testnet), with their scriptPubKeys.
    [InlineData("main", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6")]
    [InlineData("test", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")]
    [InlineData("main", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6")]
    [InlineData("main", "BC1SW50QGDZ25J", "6002751e")]
    [InlineData("main", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323")]
    [InlineData("test", "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433")]
    [InlineData("main", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")]
    public void Bip350_valid_vectors(string network, string address, string scriptHex)
    {
        Assert.True(AddressDecoder.TryGetScript(address, ChainParams.FromName(network), out byte[] script));
        Assert.Equal(scriptHex, Convert.ToHexStringLower(script));
    }

    [Theory]
    // BIP350 invalid addresses: wrong hrp, bech32 for v1+, bech32m for v0, bad version, bad program lengths, padding, empty program.
    [InlineData("main", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut")]
    [InlineData("main", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")]
    [InlineData("test", "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf")]
    [InlineData("main", "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL")]
    [InlineData("main", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh")]
    [InlineData("test", "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47")]
    [InlineData("main", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4")]
    [InlineData("main", "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R")]
    [InlineData("main", "bc1pw5dgrnzv")]
    [InlineData("main", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav")]
    [InlineData("main", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P")]
    [InlineData("test", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq")]
    [InlineData("main", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf")]
    [InlineData("test", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j")]
    [InlineData("main", "bc1gmk9yu")]
    [InlineData("main", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3x")]
    [InlineData("main", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")]
    [InlineData("main", "")]
    [InlineData("main", "0OIl")]
    public void Invalid_addresses_are_refused(string network, string address) =>
        Assert.False(AddressDecoder.TryGetScript(address, ChainParams.FromName(network), out _));
}
