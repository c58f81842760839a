using Node.Options;

namespace Node.Tests;

public sealed class HelpTextTests
{
    private static readonly string Help = HelpText.Build();

    [Fact]
    public void Lists_every_visible_option_once()
    {
        var lines = Help.Split('\n');
        foreach (var spec in OptionTable.All.Where(o => !o.Hidden))
        {
            string head = "  -" + spec.Name + spec.ValueHint;
            Assert.Single(lines, l => l == head);
        }
        Assert.DoesNotContain(lines, l => l == "  -h" || l == "  -?");
    }

    [Fact]
    public void Covers_the_options_of_the_brief()
    {
        string[] names =
        [
            "datadir", "conf", "chain", "testnet", "testnet4", "signet", "regtest", "connect", "addnode", "seednode",
            "listen", "bind", "port", "maxconnections", "dbcache", "blocksonly", "checkpoints", "assumevalid",
            "minimumchainwork", "whitelist", "rpcbind", "rpcport", "rpcallowip", "rpcuser", "rpcpassword",
            "rpccookiefile", "server", "debug", "printtoconsole", "help", "version",
        ];
        foreach (string name in names)
        {
            Assert.NotNull(OptionTable.Find(name));
            Assert.Contains("\n  -" + name, Help);
        }
    }

    [Fact]
    public void Groups_appear_in_cores_order()
    {
        string[] headings = ["Options:", "Connection options:", "Debugging/Testing options:", "Chain selection options:", "RPC server options:"];
        int last = -1;
        foreach (string h in headings)
        {
            int at = Help.IndexOf("\n" + h + "\n", StringComparison.Ordinal);
            Assert.True(at > last, h);
            last = at;
        }
    }

    [Fact]
    public void Shows_per_network_defaults()
    {
        string flat = string.Join(' ', Help.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Listen for connections on <port> (default: 8333, testnet3: 18333, testnet4: 48333, signet: 38333, regtest: 18444)", flat);
        Assert.Contains("Listen for JSON-RPC connections on <port> (default: 8332, testnet3: 18332, testnet4: 48332, signet: 38332, regtest: 18443)", flat);
        Assert.Contains("(default: 125)", flat);
        Assert.Contains("(default: 450)", flat);
        Assert.Contains("net, sync, chain, storage, rpc", flat);
    }

    [Fact]
    public void Starts_with_the_version_and_fits_79_columns()
    {
        Assert.StartsWith(VersionInfo.Line + "\n\nUsage:  sharpnode [options]", Help);
        Assert.All(Help.Split('\n'), l => Assert.True(l.Length <= 79, l));
    }
}
