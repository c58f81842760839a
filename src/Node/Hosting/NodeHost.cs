using System.Net;
using Microsoft.Extensions.Logging;
using Node.Logging;
using Node.Options;
using Node.Progress;
using Node.Rpc.Backends;
using Node.Rpc.Http;
using Node.Sync.Core;
using Node.Sync.Hosting;

namespace Node.Hosting;

/// <summary>
/// Owns the running node: its data directory and lock, its logging, and the order in which parts
/// start and stop. Start: directory, lock, debug.log, the chain state (with -loadblock imports), the
/// sync core and peers, the RPC server. Stop (Ctrl-C, SIGTERM or the <c>stop</c> RPC): RPC server,
/// peers, sync core, chain state flushed and closed, lock released.
/// </summary>
public sealed partial class NodeHost : IAsyncDisposable
{
    public const string ShutdownDoneLine = "Shutdown: done";

    private readonly DataDirLock _lock;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopRequested = new();
    private NodeRunner? _node;
    private NodeMetrics? _metrics;
    private SyncProgressReporter? _progress;
    private RpcServer? _rpc;
    private Task? _seeding;
    private bool _disposed;

    private NodeHost(NodeOptions options, DataDirLock dirLock, ILoggerFactory loggers)
    {
        Options = options;
        _lock = dirLock;
        Loggers = loggers;
        _log = loggers.CreateLogger<NodeHost>();
    }

    public NodeOptions Options { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>The running node (chain state, sync core, connections).</summary>
    public NodeRunner Node => _node ?? throw new InvalidOperationException("the node is not started");

    /// <summary>The RPC server, or null with <c>-server=0</c>.</summary>
    public RpcServer? Rpc => _rpc;

    /// <summary>Runs the node until <paramref name="shutdown"/> fires or a <c>stop</c> RPC arrives, then shuts it down in order.</summary>
    public static async Task RunAsync(NodeOptions options, CancellationToken shutdown, IReadOnlyList<string>? startupWarnings = null)
    {
        await using var host = await StartAsync(options, startupWarnings, shutdown).ConfigureAwait(false);
        await host.WaitForShutdownAsync(shutdown).ConfigureAwait(false);
    }

    /// <summary>Creates the data directories, takes the lock, opens the log, then starts the node and its RPC server.</summary>
    public static async Task<NodeHost> StartAsync(NodeOptions options, IReadOnlyList<string>? startupWarnings = null, CancellationToken cancel = default)
    {
        CreateDirectory(options.DataDir);
        CreateDirectory(options.NetworkDataDir);
        var dirLock = DataDirLock.Acquire(options.NetworkDataDir);
        ILoggerFactory loggers;
        try
        {
            loggers = NodeLogging.Create(options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            dirLock.Dispose();
            throw new NodeStartupException(StartupFailure.LogFileUnavailable, $"Could not open debug log file {options.DebugLogFile}: {e.Message}", e);
        }
        var host = new NodeHost(options, dirLock, loggers);
        host.LogStartup(startupWarnings ?? []);
        try
        {
            await host.StartNodeAsync(cancel).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return host;
    }

    public async Task WaitForShutdownAsync(CancellationToken shutdown)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(shutdown, _stopRequested.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            _log.LogInformation("Shutdown requested");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _log.LogInformation("Shutdown: In progress...");
        await _stopRequested.CancelAsync().ConfigureAwait(false);
        if (_rpc is not null) await _rpc.DisposeAsync().ConfigureAwait(false);
        if (_seeding is not null) await _seeding.ConfigureAwait(false);
        if (_progress is not null) await _progress.DisposeAsync().ConfigureAwait(false);
        if (_node is not null) await _node.DisposeAsync().ConfigureAwait(false);
        _metrics?.Dispose();
        _log.LogInformation(ShutdownDoneLine);
        Loggers.Dispose();
        _lock.Dispose();
        _stopRequested.Dispose();
    }

    private async Task StartNodeAsync(CancellationToken cancel)
    {
        var o = Options;
        var gate = new object();
        _node = new NodeRunner(NodeRunnerOptionsFrom(o, gate, Loggers));
        var chain = _node.Chain;
        TipLoaded(_log, chain.TipHeight, chain.Tip.ToString(), chain.BestHeaderHeight);
        AssumeValidRecorded(_log, o.AssumeValid.ToString());
        foreach (string file in o.LoadBlock)
        {
            using var importCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel, _stopRequested.Token);
            try
            {
                BlockFileImporter.Import(file, chain, gate, _log, importCancel.Token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NodeStartupException(StartupFailure.LoadBlockUnreadable, $"Could not read -loadblock file {file}: {e.Message}", e);
            }
        }
        _metrics = new NodeMetrics(_node);
        try
        {
            _node.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new NodeStartupException(StartupFailure.BindFailed, $"Unable to bind to port {o.Port} on this computer: {e.Message}", e);
        }
        bool terminal = o.PrintToConsole && !Console.IsOutputRedirected;
        _progress = new SyncProgressReporter(_node, gate, _metrics, Loggers.CreateLogger("Progress"), terminal ? Console.Out : null);
        if (o.Server) await StartRpcAsync(gate, cancel).ConfigureAwait(false);
        if (o.AutomaticOutbound && o.Connect.Count == 0 && (o.DnsSeed || o.FixedSeeds)) _seeding = Task.Run(() => SeedAsync(_stopRequested.Token));
    }

    private async Task StartRpcAsync(object gate, CancellationToken cancel)
    {
        var o = Options;
        var node = _node!;
        var backends = new RpcBackends(
            new ChainStateBlockchainBackend(node.Chain, o.NetworkDataDir, gate),
            new ConnectionManagerNetworkBackend(node.Connections, node.PeerOptions, TimeProvider.System, node.Sync),
            new ChainStateMiningBackend(node.Chain, gate, TimeProvider.System),
            new HostControlBackend(_stopRequested, DateTimeOffset.UtcNow));
        var rpcOptions = new RpcServerOptions
        {
            Bind = o.RpcBind.Count == 0 ? [IPAddress.Loopback] : [.. o.RpcBind.Select(RpcBindAddress)],
            Port = o.RpcPort,
            DataDirectory = o.NetworkDataDir,
            CookieFile = o.RpcCookieFile ?? NodeOptions.CookieFileName,
            User = o.RpcUser,
            Password = o.RpcPassword,
            AllowIp = o.RpcAllowIp,
        };
        try
        {
            _rpc = await RpcServer.StartAsync(rpcOptions, backends, cancel).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NodeStartupException(StartupFailure.BindFailed, $"Unable to bind the RPC server to port {o.RpcPort}: {e.Message}", e);
        }
        RpcListening(_log, string.Join(", ", _rpc.Endpoints));
    }

    private async Task SeedAsync(CancellationToken stop)
    {
        try
        {
            var found = await SeedResolver.ResolveAsync(
                Options.Chain, new SeedSources { DnsSeed = Options.DnsSeed, FixedSeeds = Options.FixedSeeds }, _log, stop).ConfigureAwait(false);
            foreach (string address in found) Node.Connections.AddOutbound(address);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static NodeRunnerOptions NodeRunnerOptionsFrom(NodeOptions o, object gate, ILoggerFactory loggers) => new()
    {
        DataDirectory = o.NetworkDataDir,
        Network = o.Chain,
        Connect = o.Connect,
        AddNode = [.. o.AddNode, .. o.SeedNode],
        Listen = o.Listen,
        Bind = o.Bind.Count == 0 ? null : BindHost(o.Bind[0]),
        Port = o.Port,
        ParsedWhitelist = o.Whitelist,
        MinimumChainWork = o.MinimumChainWork,
        Checkpoints = o.Checkpoints,
        MaxTipAge = o.MaxTipAge,
        BlocksOnly = o.BlocksOnly,
        MaxConnections = o.MaxConnections,
        Sync = new SyncOptions { ChainGate = gate },
        Loggers = loggers,
    };

    /// <summary>The address part of a -bind value ("addr", "addr:port", "[v6]:port").</summary>
    private static string BindHost(string bind) =>
        IPEndPoint.TryParse(bind, out var endPoint) ? endPoint.Address.ToString() : bind;

    private static IPAddress RpcBindAddress(string bind) =>
        IPEndPoint.TryParse(bind, out var endPoint) ? endPoint.Address
        : throw new NodeStartupException(StartupFailure.BindFailed, $"Invalid -rpcbind address '{bind}'");

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded best chain: tip height {Height} {Tip}, best header height {Headers}")]
    private static partial void TipLoaded(ILogger logger, int height, string tip, int headers);

    [LoggerMessage(Level = LogLevel.Information, Message = "-assumevalid={Hash} recorded; block validation does not run scripts yet, so it changes nothing")]
    private static partial void AssumeValidRecorded(ILogger logger, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "RPC server listening on {Endpoints}")]
    private static partial void RpcListening(ILogger logger, string endpoints);

    private void LogStartup(IReadOnlyList<string> warnings)
    {
        var o = Options;
        _log.LogInformation("{Version} starting on {Chain}, data directory {DataDir}", VersionInfo.Line, o.Chain.Name, o.NetworkDataDir);
        _log.LogInformation("Config file: {ConfigFile}", o.ConfigFile ?? "(none)");
        foreach (string warning in warnings) _log.LogWarning("{Warning}", warning);
        _log.LogInformation("Using at most {MaxConnections} automatic connections, {DbCache} MiB database cache, P2P port {Port}{Listen}",
            o.MaxConnections, o.DbCacheMiB, o.Port, o.Listen ? "" : " (not listening)");
        if (o.Debug != DebugCategories.None) _log.LogInformation("Debug logging: {Categories}", o.Debug);
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartupException(StartupFailure.DataDirNotWritable, $"Cannot create data directory '{path}': {e.Message}", e);
        }
    }
}
