using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;
using NBitcoin.DataEncoders;
using Node.Primitives.Consensus;
using Node.Rpc.Codec;
using Node.Rpc.Codec.Scripts;

namespace Node.Rpc.Tests;

/// <summary>The script codecs on the edges the real blocks do not reach: Core's rules, NBitcoin or published vectors as the oracle.</summary>
public sealed class ScriptCodecTests
{
    private static JsonObject ScriptPubKey(string hex, ChainType network = ChainType.Main)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            ScriptJson.WriteFields(w, Convert.FromHexString(hex), network, includeHex: true, includeAddress: true);
            w.WriteEndObject();
        }
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    [Fact]
    public void Ripemd160_and_hash160_match_nbitcoin_for_every_length_across_two_blocks()
    {
        var data = new byte[200];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 + 3);
        for (int length = 0; length <= data.Length; length++)
        {
            var slice = data.AsSpan(0, length).ToArray();
            Assert.Equal(NBitcoin.Crypto.Hashes.RIPEMD160(slice), Ripemd160.Hash(slice));
            Assert.Equal(NBitcoin.Crypto.Hashes.Hash160(slice).ToBytes(), Ripemd160.Hash160(slice));
        }
        // The published test vector for "abc".
        Assert.Equal("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", Convert.ToHexStringLower(Ripemd160.Hash("abc"u8)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("00", "0")]
    [InlineData("4f", "-1")]
    [InlineData("5160", "1 16")]
    [InlineData("0181", "-1")]
    [InlineData("0180", "0")]
    [InlineData("04ffffffff", "-2147483647")]
    [InlineData("03ffff7f", "8388607")]
    [InlineData("4c0101", "1")]
    [InlineData("50b0b1b2b3b9ba", "OP_RESERVED OP_NOP1 OP_CHECKLOCKTIMEVERIFY OP_CHECKSEQUENCEVERIFY OP_NOP4 OP_NOP10 OP_CHECKSIGADD")]
    [InlineData("bbfeff", "OP_UNKNOWN OP_UNKNOWN OP_INVALIDOPCODE")]
    [InlineData("7e7f808183", "OP_CAT OP_SUBSTR OP_LEFT OP_RIGHT OP_INVERT")]
    [InlineData("0502", "[error]")]
    [InlineData("514c", "1 [error]")]
    [InlineData("4d0100", "[error]")]
    public void Asm_follows_core(string hex, string asm) => Assert.Equal(asm, ScriptAsm.ToAsm(Convert.FromHexString(hex)));

    [Fact]
    public void Sighash_decoding_is_for_scriptsigs_only_and_not_after_op_return()
    {
        const string sig = "30440220131432090a6af42da3e8335ff110831b41a44f4e9d18d88f5d50278380696c7202200fc2e48938f323ad13625890c0ea926c8a189c08b8efc38376b20c8a2188e96e";
        foreach (var (type, name) in new[] { ("01", "ALL"), ("81", "ALL|ANYONECANPAY"), ("02", "NONE"), ("82", "NONE|ANYONECANPAY"), ("03", "SINGLE"), ("83", "SINGLE|ANYONECANPAY") })
        {
            byte[] script = Convert.FromHexString("47" + sig + type);
            Assert.Equal($"{sig}[{name}]", ScriptAsm.ToAsm(script, attemptSighashDecode: true));
            Assert.Equal(sig + type, ScriptAsm.ToAsm(script));
        }
        // An undefined type, and the same push behind OP_RETURN, stay plain hex.
        Assert.Equal(sig + "04", ScriptAsm.ToAsm(Convert.FromHexString("47" + sig + "04"), attemptSighashDecode: true));
        Assert.Equal("OP_RETURN " + sig + "01", ScriptAsm.ToAsm(Convert.FromHexString("6a47" + sig + "01"), attemptSighashDecode: true));
        // R padded with a zero it does not need fails BIP66 (NBitcoin's strict check agrees): plain hex.
        string padded = "3045022100" + sig[8..] + "01";
        Assert.False(TransactionSignature.IsValid(Convert.FromHexString(padded), ScriptVerify.StrictEnc));
        Assert.Equal(padded, ScriptAsm.ToAsm(Convert.FromHexString("48" + padded), attemptSighashDecode: true));
    }

    [Fact]
    public void Descriptor_checksums_match_cores_vectors()
    {
        // From Core's bitcoin-tx decode vectors and descriptor documentation.
        Assert.Equal("ppey0zqj", DescriptorChecksum.Compute("raw(75)"));
        Assert.Equal("nw04wh58", DescriptorChecksum.Compute("addr(193P6LtvS4nCnkDvM9uXn1gsSRqh4aDAz7)"));
        Assert.Equal("gm7zhxq2", DescriptorChecksum.Compute("addr(bc1q5fgkuac9s2ry56jka5s6zqsyfcugcchry5cwu0)"));
        Assert.Equal("rk5v7uqw", DescriptorChecksum.Compute("pk(02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397)"));
        Assert.Throws<ArgumentException>(() => DescriptorChecksum.Compute("raw(é)"));
    }

    [Fact]
    public void Taproot_outputs_are_rawtr_with_bip350_addresses()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("vectors/bip341_wallet_vectors.json")));
        int count = 0;
        foreach (var v in vectors.RootElement.GetProperty("scriptPubKey").EnumerateArray())
        {
            string spk = v.GetProperty("expected").GetProperty("scriptPubKey").GetString()!;
            string address = v.GetProperty("expected").GetProperty("bip350Address").GetString()!;
            var json = ScriptPubKey(spk);
            Assert.Equal("witness_v1_taproot", (string?)json["type"]);
            Assert.Equal(address, (string?)json["address"]);
            string body = $"rawtr({spk[4..]})";
            Assert.Equal($"{body}#{DescriptorChecksum.Compute(body)}", (string?)json["desc"]);
            Assert.Equal("1 " + spk[4..], (string?)json["asm"]);
            count++;
        }
        Assert.Equal(7, count);
    }

    [Fact]
    public void A_taproot_program_off_the_curve_falls_back_to_addr()
    {
        // x = p (the field prime) is no x coordinate; x = 5 has no y (5^3 + 7 = 132 is not a square mod p).
        foreach (string x in new[] { "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", "0000000000000000000000000000000000000000000000000000000000000005" })
        {
            Assert.False(TaprootPubKey.TryCreate(Convert.FromHexString(x), out _));
            var json = ScriptPubKey("5120" + x);
            string address = (string)json["address"]!;
            Assert.True(AddressDecoder.TryGetScript(address, ChainParams.Main, out var decoded));
            Assert.Equal("5120" + x, Convert.ToHexStringLower(decoded));
            Assert.StartsWith($"addr({address})#", (string?)json["desc"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("51024e73", "anchor", "bc1pfeessrawgf")]
    [InlineData("5202abcd", "witness_unknown", null)]
    [InlineData("6028" + "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728", "witness_unknown", null)]
    [InlineData("00150102030405060708090a0b0c0d0e0f101112131415", "nonstandard", null)]
    public void Witness_versions_name_and_encode_like_core(string hex, string type, string? knownAddress)
    {
        var json = ScriptPubKey(hex);
        Assert.Equal(type, (string?)json["type"]);
        if (type == "nonstandard")
        {
            Assert.Null(json["address"]);
            Assert.StartsWith($"raw({hex})#", (string?)json["desc"], StringComparison.Ordinal);
            return;
        }
        // The address decodes back to the script (bech32m for every version above 0).
        string address = (string)json["address"]!;
        if (knownAddress is not null) Assert.Equal(knownAddress, address);
        Assert.True(AddressDecoder.TryGetScript(address, ChainParams.Main, out var decoded));
        Assert.Equal(hex, Convert.ToHexStringLower(decoded));
        Assert.StartsWith($"addr({address})#", (string?)json["desc"], StringComparison.Ordinal);
    }

    [Fact]
    public void Multisig_takes_pushed_counts_of_17_to_20_and_refuses_hybrid_keys_in_descriptors()
    {
        var keys = Enumerable.Range(1, 17).Select(i => "21" + "02" + i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'a')).ToArray();
        string seventeen = "0111" + string.Concat(keys) + "0111ae";
        var json = ScriptPubKey(seventeen);
        Assert.Equal("multisig", (string?)json["type"]);
        Assert.StartsWith("17 ", (string?)json["asm"], StringComparison.Ordinal);
        Assert.StartsWith("multi(17,02", (string?)json["desc"], StringComparison.Ordinal);

        // OP_1 pushed as data is not minimal: not multisig.
        Assert.Equal("nonstandard", (string?)ScriptPubKey("0101" + keys[0] + "51ae")["type"]);
        // A hybrid (06) key is a valid size for the solver but no descriptor key: raw(...).
        string hybrid = "5141" + "06" + new string('b', 128) + "51ae";
        var hybridJson = ScriptPubKey(hybrid);
        Assert.Equal("multisig", (string?)hybridJson["type"]);
        Assert.StartsWith($"raw({hybrid})#", (string?)hybridJson["desc"], StringComparison.Ordinal);
        // An uncompressed key is fine at the top level.
        string uncompressed = "41" + "04" + new string('c', 128) + "ac";
        Assert.StartsWith("pk(04", (string?)ScriptPubKey(uncompressed)["desc"], StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_have_eight_decimals_and_a_sign()
    {
        Assert.Equal("50.00000000", AmountJson.Format(5_000_000_000));
        Assert.Equal("0.00000001", AmountJson.Format(1));
        Assert.Equal("-0.00000001", AmountJson.Format(-1));
        Assert.Equal("-92233720368.54775808", AmountJson.Format(long.MinValue));
        Assert.Equal("92233720368.54775807", AmountJson.Format(long.MaxValue));
    }

    [Theory]
    [InlineData(ChainType.Testnet4)]
    [InlineData(ChainType.Regtest)]
    public void Addresses_use_the_networks_prefixes(ChainType network)
    {
        var nbNetwork = network == ChainType.Regtest ? Network.RegTest : Network.TestNet;
        var script = Script.FromHex("0014a2516e770582864a6a56ed21a102044e388c62e3");
        Assert.Equal(script.GetDestinationAddress(nbNetwork)!.ToString(), (string?)ScriptPubKey(script.ToHex(), network)["address"]);
        var p2pkh = Script.FromHex("76a9141fc11f39be1729bf973a7ab6a615ca4729d6457488ac");
        Assert.Equal(p2pkh.GetDestinationAddress(nbNetwork)!.ToString(), (string?)ScriptPubKey(p2pkh.ToHex(), network)["address"]);
    }
}
