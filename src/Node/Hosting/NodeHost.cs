using Microsoft.Extensions.Logging;
using Node.Logging;
using Node.Options;

namespace Node.Hosting;

/// <summary>
/// Owns the running node: its data directory and lock, its logging, and the order in which parts
/// start and stop. Today it runs the parts that exist (directory, lock, debug.log) and waits for
/// shutdown; the chain, peer, sync and RPC start-up hang off <see cref="StartAsync"/> and
/// <see cref="DisposeAsync"/> as they are wired in.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    public const string ShutdownDoneLine = "Shutdown: done";

    private readonly DataDirLock _lock;
    private readonly ILogger _log;
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

    /// <summary>Runs the node until <paramref name="shutdown"/> fires, then shuts it down in order.</summary>
    public static async Task RunAsync(NodeOptions options, CancellationToken shutdown, IReadOnlyList<string>? startupWarnings = null)
    {
        await using var host = await StartAsync(options, startupWarnings).ConfigureAwait(false);
        await host.WaitForShutdownAsync(shutdown).ConfigureAwait(false);
    }

    /// <summary>Creates the data directories, takes the lock, opens the log and writes the start-up lines.</summary>
    public static Task<NodeHost> StartAsync(NodeOptions options, IReadOnlyList<string>? startupWarnings = null)
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
        return Task.FromResult(host);
    }

    public async Task WaitForShutdownAsync(CancellationToken shutdown)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, shutdown).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _log.LogInformation("Shutdown requested");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        _log.LogInformation("Shutdown: In progress...");
        _log.LogInformation(ShutdownDoneLine);
        Loggers.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }

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
