using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Core;

namespace Node.Sync.Hosting;

/// <summary>What a <see cref="NodeRunner"/> starts: Bitcoin Core's option names where one exists.</summary>
public sealed record NodeRunnerOptions
{
    /// <summary>-datadir: the block files, the index and banlist.json live here.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>-chain: main, test, testnet4, signet or regtest.</summary>
    public required ChainParams Network { get; init; }

    /// <summary>-connect: connect only to these ("host[:port]").</summary>
    public IReadOnlyList<string> Connect { get; init; } = [];

    /// <summary>-addnode: also keep these connected.</summary>
    public IReadOnlyList<string> AddNode { get; init; } = [];

    /// <summary>-listen; null: listen unless -connect is given (Core's default).</summary>
    public bool? Listen { get; init; }

    /// <summary>-bind: the address to listen on (all addresses when null).</summary>
    public string? Bind { get; init; }

    /// <summary>-port: the port to listen on; 0 picks a free one; null takes the network's.</summary>
    public int? Port { get; init; }

    /// <summary>-whitelist entries in Core's syntax, e.g. "download@127.0.0.1".</summary>
    public IReadOnlyList<string> Whitelist { get; init; } = [];

    /// <summary>-whitelist entries already parsed (added to <see cref="Whitelist"/>'s).</summary>
    public IReadOnlyList<WhitelistEntry> ParsedWhitelist { get; init; } = [];

    /// <summary>-minimumchainwork; null takes the network's default.</summary>
    public UInt256? MinimumChainWork { get; init; }

    /// <summary>-checkpoints.</summary>
    public bool Checkpoints { get; init; } = true;

    /// <summary>-maxtipage: a tip older than this keeps the node in initial block download; null takes Core's 24 hours.</summary>
    public TimeSpan? MaxTipAge { get; init; }

    /// <summary>-blocksonly.</summary>
    public bool BlocksOnly { get; init; }

    /// <summary>-maxconnections: the inbound limit is what the outbound targets leave of it.</summary>
    public int MaxConnections { get; init; } = 125;

    /// <summary>The chain's clock (tip age, future-time rule); tests move it by hand.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The wait before reconnecting a -connect/-addnode target.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Sync core settings (timeouts, window); <see cref="BlocksOnly"/> overrides its own flag.</summary>
    public SyncOptions Sync { get; init; } = new();

    /// <summary>Adjusts the peer settings derived from the options above (timeouts, user agent).</summary>
    public Func<PeerOptions, PeerOptions>? ConfigurePeer { get; init; }

    /// <summary>Adjusts the chain state settings derived from the options above (commit policy, orphan pool).</summary>
    public Func<ChainStateOptions, ChainStateOptions>? ConfigureChain { get; init; }

    public Microsoft.Extensions.Logging.ILoggerFactory? Loggers { get; init; }
}
