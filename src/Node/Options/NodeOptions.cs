using Node.Logging;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>
/// The node's configuration after the command line and the config file are merged and checked:
/// every value typed, every default applied. The rest of the node reads only this.
/// </summary>
public sealed record NodeOptions
{
    public const int DefaultMaxConnections = 125;
    public const long DefaultDbCacheMiB = 450;
    public const long MinDbCacheMiB = 4;
    public const string ConfigFileName = "bitcoin.conf";
    public const string DebugLogFileName = "debug.log";
    public const string CookieFileName = ".cookie";

    public required ChainParams Chain { get; init; }

    /// <summary>The data directory root (<c>-datadir</c> or the platform default), absolute.</summary>
    public required string DataDir { get; init; }

    /// <summary>The network's own directory: the root for main, else a subdirectory such as <c>regtest/</c>.</summary>
    public required string NetworkDataDir { get; init; }

    /// <summary>The config file that was read, or null when there was none (or <c>-noconf</c>).</summary>
    public string? ConfigFile { get; init; }

    public string DebugLogFile => Path.Combine(NetworkDataDir, DebugLogFileName);

    // Connections.
    /// <summary><c>-connect</c> peers, the only outbound peers when present. A lone <c>-connect=0</c> is not listed.</summary>
    public IReadOnlyList<string> Connect { get; init; } = [];

    /// <summary>False when <c>-connect</c> is given or negated: no outbound peers chosen from the address manager.</summary>
    public bool AutomaticOutbound { get; init; } = true;

    /// <summary><c>-dnsseed</c>: ask the network's DNS seeds for first peers.</summary>
    public bool DnsSeed { get; init; } = true;

    /// <summary><c>-fixedseeds</c>: fall back to Core's fixed seeds when DNS seeding gives no address.</summary>
    public bool FixedSeeds { get; init; } = true;
    public IReadOnlyList<string> AddNode { get; init; } = [];
    public IReadOnlyList<string> SeedNode { get; init; } = [];
    public bool Listen { get; init; } = true;
    public IReadOnlyList<string> Bind { get; init; } = [];
    public required int Port { get; init; }
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>The <c>-whitelist</c> entries, parsed from Core's <c>[permissions@]address</c> form.</summary>
    public IReadOnlyList<WhitelistEntry> Whitelist { get; init; } = [];

    // Chain and storage.
    public long DbCacheMiB { get; init; } = DefaultDbCacheMiB;
    public bool BlocksOnly { get; init; }

    /// <summary><c>-loadblock</c> files (absolute), imported in blk-file framing before the node connects.</summary>
    public IReadOnlyList<string> LoadBlock { get; init; } = [];
    public bool Checkpoints { get; init; } = true;

    /// <summary><c>-maxtipage</c>: a tip older than this keeps the node in initial block download.</summary>
    public TimeSpan MaxTipAge { get; init; } = TimeSpan.FromSeconds(Node.Chain.State.ChainStateOptions.DefaultMaxTipAgeSeconds);

    /// <summary>Scripts of this block and its ancestors are assumed valid; zero verifies every script.</summary>
    public required Hash256 AssumeValid { get; init; }
    public required UInt256 MinimumChainWork { get; init; }

    // RPC.
    public bool Server { get; init; } = true;
    public IReadOnlyList<string> RpcBind { get; init; } = [];
    public required int RpcPort { get; init; }
    public IReadOnlyList<string> RpcAllowIp { get; init; } = [];
    public string? RpcUser { get; init; }
    public string? RpcPassword { get; init; }

    /// <summary>Absolute path of the auth cookie, or null after <c>-norpccookiefile</c>.</summary>
    public string? RpcCookieFile { get; init; }

    // Logging.
    public DebugCategories Debug { get; init; }
    public bool PrintToConsole { get; init; } = true;
}
