using Node.Chain.State;
using Node.Logging;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>Reads typed values out of the merged settings, checks them and applies Core's parameter interactions.</summary>
internal static class NodeOptionsBuilder
{
    public static NodeOptions Build(SettingsView view, ChainParams chain, string dataDir, string? configFile)
    {
        string netDir = Path.Combine(dataDir, NetworkDefaults.DataSubdirectory(chain.Type));
        netDir = Path.TrimEndingDirectorySeparator(netDir);

        var connect = view.List("connect");
        bool connectNegated = view.IsNegated("connect");
        long maxConnections = view.Integer("maxconnections") ?? NodeOptions.DefaultMaxConnections;
        if (maxConnections < 0)
            throw new OptionsException(OptionsErrorCode.InvalidValue, "-maxconnections must be greater or equal than zero");
        if (maxConnections > int.MaxValue)
            throw new OptionsException(OptionsErrorCode.InvalidValue, $"Invalid value for -maxconnections: '{maxConnections}' (too large)");

        var bind = view.List("bind");
        foreach (string b in bind)
        {
            string address = b.EndsWith("=onion", StringComparison.Ordinal) ? b[..^"=onion".Length] : b;
            if (!OptionValues.IsHostPort(address))
                throw new OptionsException(OptionsErrorCode.InvalidAddress, $"Cannot resolve -bind address: '{b}'");
        }
        // Core's InitParameterInteraction: -bind implies listening; -connect (or no connections) implies not.
        bool listen = view.Flag("listen")
            ?? (bind.Count > 0 || !(connect.Count > 0 || connectNegated || maxConnections <= 0));
        if (bind.Count > 0 && !listen)
            throw new OptionsException(OptionsErrorCode.Conflict, "Cannot set -bind together with -listen=0");

        var rpcBind = view.List("rpcbind");
        foreach (string b in rpcBind)
        {
            if (!OptionValues.IsHostPort(b))
                throw new OptionsException(OptionsErrorCode.InvalidPort, $"Invalid port specified in -rpcbind: '{b}'");
        }

        return new NodeOptions
        {
            Chain = chain,
            DataDir = dataDir,
            NetworkDataDir = netDir,
            ConfigFile = configFile,
            Connect = connect is ["0"] ? [] : connect.ToArray(),
            AutomaticOutbound = connect.Count == 0 && !connectNegated,
            DnsSeed = view.Flag("dnsseed", true),
            FixedSeeds = view.Flag("fixedseeds", true),
            AddNode = view.List("addnode").ToArray(),
            SeedNode = view.List("seednode").ToArray(),
            Listen = listen,
            Bind = bind.ToArray(),
            Port = view.Text("port") is { } port ? OptionValues.ParsePort("port", port) : chain.DefaultPort,
            MaxConnections = (int)maxConnections,
            Whitelist = Whitelist(view),
            DbCacheMiB = Math.Max(view.Integer("dbcache") ?? NodeOptions.DefaultDbCacheMiB, NodeOptions.MinDbCacheMiB),
            BlocksOnly = view.Flag("blocksonly", false),
            LoadBlock = [.. view.List("loadblock").Select(f => Path.GetFullPath(f))],
            Checkpoints = view.Flag("checkpoints", true),
            MaxTipAge = TimeSpan.FromSeconds(view.Integer("maxtipage") ?? ChainStateOptions.DefaultMaxTipAgeSeconds),
            AssumeValid = AssumeValid(view.Text("assumevalid"), chain),
            MinimumChainWork = MinimumChainWork(view.Text("minimumchainwork"), chain),
            Server = view.Flag("server", true),
            RpcBind = rpcBind.ToArray(),
            RpcPort = view.Text("rpcport") is { } rpcPort ? OptionValues.ParsePort("rpcport", rpcPort) : NetworkDefaults.RpcPort(chain.Type),
            RpcAllowIp = view.List("rpcallowip").ToArray(),
            RpcUser = view.Text("rpcuser"),
            RpcPassword = view.Text("rpcpassword"),
            RpcCookieFile = view.IsNegated("rpccookiefile") ? null
                : Path.GetFullPath(string.IsNullOrEmpty(view.Text("rpccookiefile")) ? NodeOptions.CookieFileName : view.Text("rpccookiefile")!, netDir),
            Debug = DebugCategories(view),
            PrintToConsole = view.Flag("printtoconsole", true),
        };
    }

    /// <summary>
    /// Core's interaction for the implicit permissions of a bare address: -blocksonly turns
    /// -whitelistrelay off unless it is given (it is applied before -whitelistforcerelay could turn it on).
    /// </summary>
    private static WhitelistEntry[] Whitelist(SettingsView view)
    {
        bool forceRelay = view.Flag("whitelistforcerelay", false);
        bool relay = view.Flag("whitelistrelay") ?? !view.Flag("blocksonly", false);
        return view.List("whitelist").Select(text =>
        {
            try
            {
                return WhitelistParser.Parse(text, relay, forceRelay);
            }
            catch (WhitelistException e)
            {
                throw new OptionsException(OptionsErrorCode.InvalidAddress, e.Message);
            }
        }).ToArray();
    }

    private static Hash256 AssumeValid(string? text, ChainParams chain)
    {
        if (text is null) return chain.DefaultAssumeValid;
        return OptionValues.PadUserHex(text) is { } hex && Hash256.TryParse(hex, out var hash) ? hash
            : throw new OptionsException(OptionsErrorCode.InvalidHash,
                $"Invalid assumevalid block hash specified ({text}), must be up to 64 hex digits (or 0 to disable)");
    }

    private static UInt256 MinimumChainWork(string? text, ChainParams chain)
    {
        if (text is null) return chain.MinimumChainWork;
        return OptionValues.PadUserHex(text) is { } hex && UInt256.TryParse(hex, out var work) ? work
            : throw new OptionsException(OptionsErrorCode.InvalidHex,
                $"Invalid minimum work specified ({text}), must be up to 64 hex digits");
    }

    /// <summary>Core's SetLoggingCategories: "0" or "none" anywhere turns everything off; an unknown name is an error.</summary>
    private static DebugCategories DebugCategories(SettingsView view)
    {
        var enabled = Logging.DebugCategories.None;
        var names = view.List("debug");
        if (!names.Any(n => n is "0" or "none"))
        {
            foreach (string name in names) enabled |= Category("debug", name);
        }
        foreach (string name in view.List("debugexclude"))
        {
            if (name is "0" or "none") continue;
            enabled &= ~Category("debugexclude", name);
        }
        return enabled;
    }

    private static DebugCategories Category(string option, string name) =>
        DebugCategoryNames.TryParse(name, out var category) ? category
            : throw new OptionsException(OptionsErrorCode.InvalidValue,
                $"Unsupported logging category -{option}={name}. Valid categories: {DebugCategoryNames.ListText} (or 1/all, 0/none).");
}
