using System.Net;

namespace Node.Rpc.Tests;

/// <summary>
/// decoderawtransaction byte for byte against Core's own expectations: the decoded transactions of
/// Core's bitcoin-tx test data (test/functional/data/util/*.json, written by the same TxToUniv),
/// less the "hex" that decoderawtransaction leaves out, as Core's compact UniValue writes them.
/// </summary>
public sealed class CoreDecodeVectorTests(RpcNode node) : IClassFixture<RpcNode>
{
    private const string Key1 = "02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397";
    private const string Key2 = "021ac43c7ff740014c3b33737ede99c967e4764553d1b2b83db77c83b8715fa72d";
    private const string Key3 = "02df2089105c77f266fa11a9d33f05c735234075f2e8780824c6b709415f9fb485";
    private const string DataPush = "54686973204f505f52455455524e207472616e73616374696f6e206f7574707574207761732063726561746564206279206d6f646966696564206372656174657261777472616e73616374696f6e2e";

    /// <summary>JSON written with single quotes for readability here.</summary>
    private static string J(string json) => json.Replace('\'', '"');

    private async Task<string> Decode(string hex)
    {
        var r = await RawHttp.PostAsync(node.Url, J("{'method':'decoderawtransaction','params':['" + hex + "'],'id':1}"), "__cookie__", node.CookiePassword);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.EndsWith(J(",'error':null,'id':1}") + "\n", r.Body, StringComparison.Ordinal);
        return r.Body["{\"result\":".Length..^",\"error\":null,\"id\":1}\n".Length];
    }

    private static string Header(string txid, int version, int size) =>
        J("{'txid':'" + txid + "','hash':'" + txid + "','version':" + version + ",'size':" + size + ",'vsize':" + size + ",'weight':" + (size * 4) + ",'locktime':0,");

    [Fact]
    public async Task A_signed_p2pkh_spend_shows_the_sighash_of_its_signature()
    {
        // txcreatesignv1.json
        const string hex = "01000000018594c5bdcaec8f06b78b596f31cd292a294fd031e24eec716f43dac91ea7494d000000008a4730440220131432090a6af42da3e8335ff110831b41a44f4e9d18d88f5d50278380696c7202200fc2e48938f323ad13625890c0ea926c8a189c08b8efc38376b20c8a2188e96e01410479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8ffffffff01a0860100000000001976a9145834479edbbe0539b31ffd3a8f8ebadc2165ed0188ac00000000";
        Assert.Equal(
            Header("ffc7e509ec3fd60a182eb712621d41a47dc7d4ff310a70826c2fb0e9afb3fa02", 1, 223) +
            J("'vin':[{'txid':'4d49a71ec9da436f71ec4ee231d04f292a29cd316f598bb7068feccabdc59485','vout':0,'scriptSig':{'asm':'30440220131432090a6af42da3e8335ff110831b41a44f4e9d18d88f5d50278380696c7202200fc2e48938f323ad13625890c0ea926c8a189c08b8efc38376b20c8a2188e96e[ALL] 0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8','hex':'4730440220131432090a6af42da3e8335ff110831b41a44f4e9d18d88f5d50278380696c7202200fc2e48938f323ad13625890c0ea926c8a189c08b8efc38376b20c8a2188e96e01410479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'},'sequence':4294967295}],") +
            J("'vout':[{'value':0.00100000,'n':0,'scriptPubKey':{'asm':'OP_DUP OP_HASH160 5834479edbbe0539b31ffd3a8f8ebadc2165ed01 OP_EQUALVERIFY OP_CHECKSIG','desc':'addr(193P6LtvS4nCnkDvM9uXn1gsSRqh4aDAz7)#nw04wh58','hex':'76a9145834479edbbe0539b31ffd3a8f8ebadc2165ed0188ac','address':'193P6LtvS4nCnkDvM9uXn1gsSRqh4aDAz7','type':'pubkeyhash'}}]}"),
            await Decode(hex));
    }

    [Fact]
    public async Task A_transaction_without_inputs_decodes_without_witness_and_shows_bare_multisig()
    {
        // txcreatemultisig1.json: "00 01" after the version is an empty input list and one output, not a segwit marker.
        const string script = "5221" + Key1 + "21" + Key2 + "21" + Key3 + "53ae";
        Assert.Equal(
            Header("0d1d4edfc217d9db3ab6a9298f26a52eae3c52f55a6cb8ccbc14f7c727572894", 1, 124) +
            J("'vin':[],'vout':[{'value':1.00000000,'n':0,'scriptPubKey':{'asm':'2 " + Key1 + " " + Key2 + " " + Key3 + " 3 OP_CHECKMULTISIG','desc':'multi(2," + Key1 + "," + Key2 + "," + Key3 + ")#8s88p9pl','hex':'" + script + "','type':'multisig'}}]}"),
            await Decode("01000000000100e1f5050000000069" + script + "00000000"));
    }

    [Theory]
    // txcreateoutpubkey1.json: P2PK has a descriptor but no address.
    [InlineData("f42b38ac12e3fafc96ba1a9ba70cbfe326744aef75df5fb9db5d6e2855ca415f", 54, "0000000000000000", "21" + Key1 + "ac",
        "{'asm':'02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397 OP_CHECKSIG','desc':'pk(02a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397)#rk5v7uqw','hex':'2102a5613bd857b7048924264d1e70e08fb2a7e6527d32b7ab1bb993ac59964ff397ac','type':'pubkey'}")]
    // txcreateoutpubkey2.json
    [InlineData("70f2a088cde460e677415fa1fb71895e90c231e6ed38ed203a35b6f848e9cc73", 41, "0000000000000000", "0014a2516e770582864a6a56ed21a102044e388c62e3",
        "{'asm':'0 a2516e770582864a6a56ed21a102044e388c62e3','desc':'addr(bc1q5fgkuac9s2ry56jka5s6zqsyfcugcchry5cwu0)#gm7zhxq2','hex':'0014a2516e770582864a6a56ed21a102044e388c62e3','address':'bc1q5fgkuac9s2ry56jka5s6zqsyfcugcchry5cwu0','type':'witness_v0_keyhash'}")]
    // txcreatemultisig4.json
    [InlineData("5e8b1cc73234e208d4b7ca9075f136b908c34101be7a048df4ba9ac758b61567", 42, "00e1f50500000000", "a9146edf12858999f0dae74f9c692e6694ee3621b2ac87",
        "{'asm':'OP_HASH160 6edf12858999f0dae74f9c692e6694ee3621b2ac OP_EQUAL','desc':'addr(3BoFUz1StqcNcgUTZE5cC1eFhuYFzj3fGH)#466tx6fn','hex':'a9146edf12858999f0dae74f9c692e6694ee3621b2ac87','address':'3BoFUz1StqcNcgUTZE5cC1eFhuYFzj3fGH','type':'scripthash'}")]
    // txcreatescript1.json
    [InlineData("f0851b68202f736b792649cfc960259c2374badcb644ab20cac726b5f72f61c9", 20, "0000000000000000", "75",
        "{'asm':'OP_DROP','desc':'raw(75)#ppey0zqj','hex':'75','type':'nonstandard'}")]
    public async Task One_output_transactions_match_core(string txid, int size, string value, string script, string scriptPubKey)
    {
        string hex = "01000000" + "0001" + value + (script.Length / 2).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + script + "00000000";
        string amount = value == "0000000000000000" ? "0.00000000" : "1.00000000";
        Assert.Equal(Header(txid, 1, size) + J("'vin':[],'vout':[{'value':" + amount + ",'n':0,'scriptPubKey':" + scriptPubKey + "}]}"), await Decode(hex));
    }

    [Fact]
    public async Task A_data_carrier_output_is_nulldata_with_a_raw_descriptor()
    {
        // txcreatedata1.json: an empty scriptSig, a P2PKH output and an OP_RETURN output of 4 BTC.
        const string hex = "01000000011f5c38dfcf6f1a5f5a87c416076d392c87e6d41970d5ad5e477a02d66bde97580000000000ffffffff0280a81201000000001976a9141fc11f39be1729bf973a7ab6a615ca4729d6457488ac0084d71700000000526a4c4f" + DataPush + "00000000";
        Assert.Equal(
            Header("07894b4d12fe7853dd911402db1620920d261b9627c447f931417d330c25f06e", 1, 176) +
            J("'vin':[{'txid':'5897de6bd6027a475eadd57019d4e6872c396d0716c4875a5f1a6fcfdf385c1f','vout':0,'scriptSig':{'asm':'','hex':''},'sequence':4294967295}],") +
            J("'vout':[{'value':0.18000000,'n':0,'scriptPubKey':{'asm':'OP_DUP OP_HASH160 1fc11f39be1729bf973a7ab6a615ca4729d64574 OP_EQUALVERIFY OP_CHECKSIG','desc':'addr(13tuJJDR2RgArmgfv6JScSdreahzgc4T6o)#ztmwxg4c','hex':'76a9141fc11f39be1729bf973a7ab6a615ca4729d6457488ac','address':'13tuJJDR2RgArmgfv6JScSdreahzgc4T6o','type':'pubkeyhash'}},") +
            J("{'value':4.00000000,'n':1,'scriptPubKey':{'asm':'OP_RETURN " + DataPush + "','desc':'raw(6a4c4f" + DataPush + ")#zf2avljj','hex':'6a4c4f" + DataPush + "','type':'nulldata'}}]}"),
            await Decode(hex));
    }

    [Fact]
    public async Task A_version_with_the_high_bit_set_is_written_unsigned()
    {
        // Mainnet transaction c659729a...e369, the case behind Core's unsigned version (issue 11561, PR 16525).
        const string hex = "f0b47b9a01ecf5e5c3bbf2cf1f71ecdc7f708b0b222432e914b394e24aad1494a42990ddfc000000008b483045022100852744642305a99ad74354e9495bf43a1f96ded470c256cd32e129290f1fa191022030c11d294af6a61b3da6ed2c0c296251d21d113cfd71ec11126517034b0dcb70014104a0fe6e4a600f859a0932f701d3af8e0ecd4be886d91045f06a5a6b931b95873aea1df61da281ba29cadb560dad4fc047cf47b4f7f2570da4c0b810b3dfa7e500ffffffff0240420f00000000001976a9147eeacb8a9265cd68c92806611f704fc55a21e1f588ac05f00d00000000001976a914eb3bd8ccd3ba6f1570f844b59ba3e0a667024a6a88acff7f0000";
        string json = await Decode(hex);
        Assert.StartsWith(J("{'txid':'c659729a7fea5071361c2c1a68551ca2bf77679b27086cc415adeeb03852e369','hash':'c659729a7fea5071361c2c1a68551ca2bf77679b27086cc415adeeb03852e369','version':2591798512,"), json, StringComparison.Ordinal);
        Assert.Contains(J("'locktime':32767,"), json, StringComparison.Ordinal);
    }
}
