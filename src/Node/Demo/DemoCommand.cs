using System.Diagnostics;
using Node.Progress;

namespace Node.Demo;

/// <summary>
/// <c>sharpnode demo</c>: a serving node (or several) given a generated regtest chain with -loadblock,
/// a fresh node syncing it from them over 127.0.0.1, a live progress line, the summary, and the check
/// that both tips match. All nodes are child processes of this same executable.
/// </summary>
public static class DemoCommand
{
    public const string TipsMatchLine = "Tips match";
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StallPatience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancel)
    {
        if (args.Any(a => a is "-h" or "-help" or "--help" or "-?"))
        {
            Console.Out.Write(DemoOptions.Usage);
            return 0;
        }
        var options = DemoOptions.Parse(args, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine("Error: " + error);
            return 1;
        }
        var output = Console.Out;
        string chainFile = DemoChainCache.Ensure(options, output);
        long chainBytes = new FileInfo(chainFile).Length;
        string root = Path.Combine(Path.GetTempPath(), "sharpnode-demo-" + Guid.NewGuid().ToString("N")[..8]);
        var servers = new List<NodeProcess>();
        var serverPorts = new List<int>();
        NodeProcess? syncer = null;
        try
        {
            for (int i = 0; i < options.Peers; i++)
            {
                int port = NodeProcess.FreePort();
                var server = NodeProcess.Start($"serving node {i + 1}", Path.Combine(root, $"serving{i + 1}"),
                    $"-loadblock={chainFile}", "-listen", $"-port={port}", "-bind=127.0.0.1", "-whitelist=download@127.0.0.1");
                servers.Add(server);
                output.WriteLine($"Started {server.Name} (pid {server.Id}), P2P 127.0.0.1:{port}, loading the chain...");
                await server.WaitForRpcAsync(StartPatience).ConfigureAwait(false);
                serverPorts.Add(port);
            }
            string serverTip = await servers[0].BestBlockHashAsync().ConfigureAwait(false);
            int height = await servers[0].BlockCountAsync().ConfigureAwait(false);
            if (height != options.Blocks)
                throw new InvalidOperationException($"the serving node loaded {height} of {options.Blocks} blocks:\n{servers[0].Tail()}");
            output.WriteLine($"Serving {height} blocks ({chainBytes / 1e6:F1} MB), tip {serverTip}");

            var clock = Stopwatch.StartNew();
            syncer = NodeProcess.Start("syncing node", Path.Combine(root, "syncing"), [.. serverPorts.Select(p => $"-connect=127.0.0.1:{p}")]);
            output.WriteLine($"Started the syncing node (pid {syncer.Id}), connecting to {options.Peers} peer(s)");
            await syncer.WaitForRpcAsync(StartPatience).ConfigureAwait(false);
            await FollowAsync(syncer, height, output, cancel).ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            var summary = new SyncSummary(elapsed, height, chainBytes, syncer.PeakWorkingSet);
            output.WriteLine(summary.Format());

            string syncedTip = await syncer.BestBlockHashAsync().ConfigureAwait(false);
            serverTip = await servers[0].BestBlockHashAsync().ConfigureAwait(false);
            bool match = syncedTip == serverTip;
            output.WriteLine(match
                ? $"{TipsMatchLine}: serving and syncing nodes are both at {serverTip} (height {height})"
                : $"Tips differ: serving node {serverTip}, syncing node {syncedTip}");
            return match ? 0 : 2;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException or IOException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("Demo failed: " + e.Message);
            return 1;
        }
        finally
        {
            if (syncer is not null) await syncer.DisposeAsync().ConfigureAwait(false);
            foreach (var server in servers) await server.DisposeAsync().ConfigureAwait(false);
            if (options.Keep) output.WriteLine($"Data directories kept under {root}");
            else TryDelete(root);
        }
    }

    /// <summary>Polls the syncing node until it has <paramref name="height"/> blocks, showing the progress line.</summary>
    private static async Task FollowAsync(NodeProcess syncer, int height, TextWriter output, CancellationToken cancel)
    {
        bool terminal = !Console.IsOutputRedirected;
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        int lastBlocks = -1;
        long lastBytes = 0;
        var lastSample = TimeSpan.Zero;
        double blockRate = 0, byteRate = 0;
        var lastPrinted = TimeSpan.Zero;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (syncer.HasExited) throw new InvalidOperationException($"the syncing node exited:\n{syncer.Tail()}");
            var info = await syncer.Rpc.CallAsync("getblockchaininfo").ConfigureAwait(false);
            var peers = await syncer.Rpc.CallAsync("getpeerinfo").ConfigureAwait(false);
            int blocks = info.GetProperty("blocks").GetInt32();
            int headers = info.GetProperty("headers").GetInt32();
            long bytes = peers.EnumerateArray().Sum(p => p.GetProperty("bytesrecv").GetInt64());
            var now = clock.Elapsed;
            double seconds = (now - lastSample).TotalSeconds;
            if (lastBlocks >= 0 && seconds > 0)
            {
                blockRate = 0.6 * blockRate + 0.4 * (blocks - lastBlocks) / seconds;
                byteRate = 0.6 * byteRate + 0.4 * Math.Max(0, bytes - lastBytes) / seconds;
            }
            if (blocks != lastBlocks) lastProgress = now;
            lastBlocks = blocks;
            lastBytes = bytes;
            lastSample = now;
            int target = Math.Max(headers, height);
            var line = new ProgressLine(headers, blocks, 100.0 * blocks / target, blockRate, byteRate / 1e6, peers.GetArrayLength(),
                blockRate > 0.01 ? TimeSpan.FromSeconds((target - blocks) / blockRate) : null);
            if (terminal) line.Overwrite(output);
            else if (now - lastPrinted >= TimeSpan.FromSeconds(5) || blocks >= height)
            {
                output.WriteLine(line.Format());
                lastPrinted = now;
            }
            if (blocks >= height)
            {
                if (terminal) output.WriteLine();
                return;
            }
            if (now - lastProgress > StallPatience)
                throw new TimeoutException($"no block connected for {StallPatience.TotalSeconds:F0} s at height {blocks}:\n{syncer.Tail()}");
            await Task.Delay(500, cancel).ConfigureAwait(false);
        }
    }

    private static void TryDelete(string root)
    {
        try
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {root}: {e.Message}");
        }
    }
}
