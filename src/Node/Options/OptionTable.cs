using System.Globalization;
using Node.Chain.State;
using Node.Logging;
using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>Every option the node accepts: the one table both the parser and <c>-help</c> read.</summary>
public static class OptionTable
{
    public static IReadOnlyList<OptionSpec> All { get; } = Build();

    private static readonly Dictionary<string, OptionSpec> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static OptionSpec? Find(string name) => ByName.GetValueOrDefault(name);

    private static List<OptionSpec> Build()
    {
        string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
        var g = OptionGroup.General;
        var c = OptionGroup.Connection;
        var d = OptionGroup.Debugging;
        var n = OptionGroup.ChainSelection;
        var r = OptionGroup.Rpc;
        return
        [
            new("help", OptionKind.Flag, g, "Print this help message and exit (also -h or -?)"),
            new("h", OptionKind.Flag, g, "", Hidden: true),
            new("?", OptionKind.Flag, g, "", Hidden: true),
            new("version", OptionKind.Flag, g, "Print version and exit"),
            new("assumevalid", OptionKind.Text, g,
                "If this block is in the chain assume that it and its ancestors are valid and potentially skip their script verification (0 to verify all)",
                "=<hex>", NetworkDefaults.PerNetwork(p => p.DefaultAssumeValid.ToString())),
            new("blocksonly", OptionKind.Flag, g, "Whether to reject transactions from network peers", Default: "0"),
            new("conf", OptionKind.Text, g,
                "Specify path to read-only configuration file. Relative paths will be prefixed by datadir location (only usable from command line, not configuration file)",
                "=<file>", NodeOptions.ConfigFileName),
            new("datadir", OptionKind.Text, g, "Specify data directory", "=<dir>", DataDirectories.Default(), Negatable: false),
            new("dbcache", OptionKind.Integer, g,
                $"Maximum database cache size <n> MiB (minimum {Int(NodeOptions.MinDbCacheMiB)})", "=<n>", Int(NodeOptions.DefaultDbCacheMiB)),
            new("includeconf", OptionKind.List, g,
                "Specify additional configuration file, relative to the -datadir path (only usable from configuration file, not command line)", "=<file>"),
            new("loadblock", OptionKind.List, g, "Imports blocks from external file on startup", "=<file>"),
            new("minimumchainwork", OptionKind.Text, g,
                "Minimum work assumed to exist on a valid chain in hex, with or without 0x",
                "=<hex>", NetworkDefaults.PerNetwork(p => p.MinimumChainWork.ToString())),

            new("addnode", OptionKind.List, c,
                "Add a node to connect to and attempt to keep the connection open",
                "=<ip>", NetworkOnly: true),
            new("bind", OptionKind.List, c,
                "Bind to given address and always listen on it (default: 0.0.0.0). Use [host]:port notation for IPv6",
                "=<addr>[:<port>]", NetworkOnly: true),
            new("connect", OptionKind.List, c,
                "Connect only to the specified node; -noconnect disables automatic connections",
                "=<ip>", NetworkOnly: true),
            new("dnsseed", OptionKind.Flag, c, "Query for peer addresses via DNS lookup, if low on addresses (default: 1 unless -connect used)"),
            new("fixedseeds", OptionKind.Flag, c, "Allow fixed seeds if DNS seeds don't provide peers", Default: "1"),
            new("listen", OptionKind.Flag, c, "Accept connections from outside (default: 1 if no -connect or -maxconnections=0)"),
            new("maxconnections", OptionKind.Integer, c, "Maintain at most <n> automatic connections to peers", "=<n>", Int(NodeOptions.DefaultMaxConnections)),
            new("port", OptionKind.Integer, c, "Listen for connections on <port>", "=<port>",
                NetworkDefaults.PerNetwork(p => Int(p.DefaultPort)), NetworkOnly: true, Negatable: false),
            new("seednode", OptionKind.List, c,
                "Connect to a node to retrieve peer addresses, and disconnect",
                "=<ip>"),
            new("whitelist", OptionKind.List, c,
                "Add permission flags to the peers using the given IP address (e.g. 1.2.3.4) or CIDR-notated network (e.g. 1.2.3.0/24). Permissions: bloomfilter, noban, forcerelay, relay, mempool, download, addr, all, separated by commas; in and out choose the connections they apply to (default: in). Without permissions: noban, mempool and relay (see -whitelistrelay)",
                "=<[permissions@]IP address or network>"),
            new("whitelistforcerelay", OptionKind.Flag, c,
                "Add 'forcerelay' permission to whitelisted peers with default permissions. This will relay transactions even if the transactions were already in the mempool",
                Default: "0"),
            new("whitelistrelay", OptionKind.Flag, c,
                "Add 'relay' permission to whitelisted peers with default permissions. This will accept relayed transactions even when not relaying transactions",
                Default: "1"),

            new("checkpoints", OptionKind.Flag, d, "Reject headers that fork below the last checkpoint", Default: "1"),
            new("maxtipage", OptionKind.Integer, d, "Maximum tip age in seconds to consider node in initial block download",
                "=<n>", Int(ChainStateOptions.DefaultMaxTipAgeSeconds)),
            new("debug", OptionKind.List, d,
                $"Output debug logging. If <category> is not supplied or if <category> is 1 or all, output all debug logging. If <category> is 0 or none, any other categories are ignored. <category> can be: {DebugCategoryNames.ListText}",
                "=<category>"),
            new("debugexclude", OptionKind.List, d,
                "Exclude debug logging for a category. Can be used in conjunction with -debug=1 to output debug logs for all categories except the specified category",
                "=<category>"),
            new("printtoconsole", OptionKind.Flag, d, "Send log lines to the console as well as to debug.log", Default: "1"),

            new("chain", OptionKind.Text, n, "Use the chain <chain>. Allowed values: main, test, testnet4, signet, regtest", "=<chain>", "main", Negatable: false),
            new("regtest", OptionKind.Flag, n, "Use the regression test chain. Equivalent to -chain=regtest"),
            new("signet", OptionKind.Flag, n, "Use the signet chain. Equivalent to -chain=signet"),
            new("testnet", OptionKind.Flag, n, "Use the testnet3 chain. Equivalent to -chain=test"),
            new("testnet4", OptionKind.Flag, n, "Use the testnet4 chain. Equivalent to -chain=testnet4"),

            new("rpcallowip", OptionKind.List, r,
                "Allow JSON-RPC connections from specified source. Valid values for <ip> are a single IP (e.g. 1.2.3.4), a network/netmask (e.g. 1.2.3.4/255.255.255.0), a network/CIDR (e.g. 1.2.3.4/24), all ipv4 (0.0.0.0/0), or all ipv6 (::/0)",
                "=<ip>"),
            new("rpcbind", OptionKind.List, r,
                "Bind to given address to listen for JSON-RPC connections. This option is ignored unless -rpcallowip is also passed. Port is optional and overrides -rpcport. Use [host]:port notation for IPv6 (default: 127.0.0.1 and ::1 i.e., localhost)",
                "=<addr>[:port]", NetworkOnly: true),
            new("rpccookiefile", OptionKind.Text, r,
                "Location of the auth cookie. Relative paths will be prefixed by a net-specific datadir location; -norpccookiefile disables it",
                "=<loc>", NodeOptions.CookieFileName),
            new("rpcpassword", OptionKind.Text, r, "Password for JSON-RPC connections", "=<pw>", Negatable: false),
            new("rpcport", OptionKind.Integer, r, "Listen for JSON-RPC connections on <port>", "=<port>",
                NetworkDefaults.PerNetwork(p => Int(NetworkDefaults.RpcPort(p.Type))), NetworkOnly: true, Negatable: false),
            new("rpcuser", OptionKind.Text, r, "Username for JSON-RPC connections", "=<user>", Negatable: false),
            new("server", OptionKind.Flag, r, "Accept JSON-RPC commands", Default: "1"),
        ];
    }
}
