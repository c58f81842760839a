using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Node.Chain.State;
using Node.Net;
using Node.Sync.Core;

namespace Node.Sync.Hosting;

/// <summary>
/// A whole node in one object: the <see cref="ChainState"/> on the data directory, the <see cref="SyncManager"/>
/// driving it, and the <see cref="ConnectionManager"/> feeding it peers. <see cref="StopAsync"/> shuts it down in
/// order: peers disconnected (their last messages drained), the sync core stopped, the chain flushed and closed.
/// </summary>
public sealed class NodeRunner : IAsyncDisposable
{
    private readonly ILogger _log;
    private int _started;
    private int _stopped;

    /// <summary>Builds the node without starting it (subscribe to its events, then <see cref="Start"/>).</summary>
    public NodeRunner(NodeRunnerOptions options)
    {
        Options = options;
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        _log = loggers.CreateLogger("Node");
        Directory.CreateDirectory(options.DataDirectory);
        var chainOptions = new ChainStateOptions
        {
            MinimumChainWork = options.MinimumChainWork,
            CheckpointsEnabled = options.Checkpoints,
            MaxTipAge = options.MaxTipAge ?? TimeSpan.FromSeconds(ChainStateOptions.DefaultMaxTipAgeSeconds),
            Clock = options.Clock,
            Logger = loggers.CreateLogger("Chain"),
        };
        if (options.ConfigureChain is not null) chainOptions = options.ConfigureChain(chainOptions);
        Chain = ChainState.Open(options.DataDirectory, options.Network, chainOptions);
        try
        {
            Sync = new SyncManager(Chain, options.Sync with { BlocksOnly = options.BlocksOnly || options.Sync.BlocksOnly, ChainClock = options.Clock },
                loggers.CreateLogger("Sync"));
            var chain = Chain;
            var peer = new PeerOptions
            {
                Network = options.Network,
                BlocksOnly = options.BlocksOnly,
                StartHeight = () => chain.TipHeight,
            };
            if (options.ConfigurePeer is not null) peer = options.ConfigurePeer(peer);
            int outbound = options.Connect.Count + options.AddNode.Count;
            PeerOptions = peer;
            Connections = new ConnectionManager(new ConnectionManagerOptions
            {
                Peer = peer,
                Connect = options.Connect,
                AddNode = options.AddNode,
                Listen = options.Listen,
                BindEndPoint = BindEndPoint(options),
                MaxInbound = Math.Max(0, options.MaxConnections - outbound),
                Whitelist = [.. options.Whitelist.Select(w => WhitelistParser.Parse(w)), .. options.ParsedWhitelist],
                DataDirectory = options.DataDirectory,
                ReconnectDelay = options.ReconnectDelay,
            }, Sync, loggers.CreateLogger("Net"));
        }
        catch
        {
            Chain.Dispose();
            throw;
        }
    }

    public NodeRunnerOptions Options { get; }
    public ChainState Chain { get; }
    public SyncManager Sync { get; }
    public ConnectionManager Connections { get; }

    /// <summary>The settings every peer runs with.</summary>
    public PeerOptions PeerOptions { get; }

    /// <summary>Where the node listens (with the chosen port), or null.</summary>
    public IPEndPoint? ListenEndPoint => Connections.ListenEndPoint;

    /// <summary>Builds and starts a node in one call.</summary>
    public static NodeRunner StartNew(NodeRunnerOptions options)
    {
        var node = new NodeRunner(options);
        try
        {
            node.Start();
        }
        catch
        {
            node.StopAsync().GetAwaiter().GetResult();
            throw;
        }
        return node;
    }

    /// <summary>Starts the sync core, then listening and connecting. Idempotent.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        // Read before the sync core starts: from then on only the core touches the chain state.
        int height = Chain.TipHeight;
        var tip = Chain.Tip;
        Sync.Start();
        Connections.Start();
        NodeLog.Started(_log, Options.Network.Name, height, tip, ListenEndPoint?.ToString() ?? "not listening");
    }

    /// <summary>Stops peers, drains and stops the sync core, flushes and closes the chain. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await Connections.DisposeAsync().ConfigureAwait(false);
        await Sync.DisposeAsync().ConfigureAwait(false);
        Chain.Flush();
        NodeLog.Stopped(_log, Chain.TipHeight, Chain.Tip);
        Chain.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IPEndPoint? BindEndPoint(NodeRunnerOptions options)
    {
        if (options.Bind is null && options.Port is null) return null;
        var address = options.Bind is null ? IPAddress.IPv6Any : IPAddress.Parse(options.Bind);
        return new IPEndPoint(address, options.Port ?? options.Network.DefaultPort);
    }
}

internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "node started on {Network}: tip {Height} {Tip}, listening on {Listen}")]
    public static partial void Started(ILogger logger, string network, int height, Node.Primitives.Hash256 tip, string listen);

    [LoggerMessage(Level = LogLevel.Information, Message = "node stopped at tip {Height} {Tip}")]
    public static partial void Stopped(ILogger logger, int height, Node.Primitives.Hash256 tip);
}
