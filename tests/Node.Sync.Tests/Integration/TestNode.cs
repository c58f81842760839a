using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Sync.Tests.Integration;

/// <summary>A clock that stands still where the test put it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock AtUnix(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A temp data directory, optionally preloaded with blocks through a <see cref="ChainState"/>, and a node running
/// on it on 127.0.0.1 with an ephemeral port. Dispose stops the node and deletes the directory.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private TestNode(string dir) => DataDir = dir;

    public string DataDir { get; }
    public NodeRunner Node { get; private set; } = null!;

    public string Address => Node.ListenEndPoint!.ToString();

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "sharpnode-sync-" + Guid.NewGuid().ToString("N"));

    /// <summary>Stores the blocks in a fresh data directory (in order; each must be new) and returns it.</summary>
    public static string Preload(ChainParams network, ChainStateOptions options, IEnumerable<byte[]> blocks)
    {
        var dir = NewDataDir();
        using var chain = ChainState.Open(dir, network, options);
        foreach (var block in blocks)
        {
            var result = chain.ProcessBlock(block);
            if (result.IsInvalid || result.Status is BlockProcessStatus.Orphan or BlockProcessStatus.AlreadyHave)
                throw new InvalidOperationException("preloading: " + result);
        }
        chain.Flush();
        return dir;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Starts a node on <paramref name="dataDir"/> (a new one when null) listening on 127.0.0.1:0.</summary>
    public static TestNode Start(NodeRunnerOptions options, Action<NodeRunner>? beforeStart = null)
    {
        var node = new TestNode(options.DataDirectory);
        try
        {
            var runner = new NodeRunner(options with { Bind = options.Bind ?? "127.0.0.1", Port = options.Port ?? 0 });
            node.Node = runner;
            beforeStart?.Invoke(runner);
            runner.Start();
        }
        catch
        {
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        if (Node is not null) await Node.StopAsync();
        for (int attempt = 0; Directory.Exists(DataDir); attempt++)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>Waits for a condition set by the node's events, with a generous timeout; never measures time.</summary>
public static class Await
{
    public static async Task<T> Within<T>(Task<T> task, TimeSpan timeout, Func<string> whatWasExpected)
    {
        var done = await Task.WhenAny(task, Task.Delay(timeout));
        if (done != task) throw new TimeoutException("timed out waiting: " + whatWasExpected());
        return await task;
    }

    public static async Task Within(Task task, TimeSpan timeout, Func<string> whatWasExpected)
    {
        var done = await Task.WhenAny(task, Task.Delay(timeout));
        if (done != task) throw new TimeoutException("timed out waiting: " + whatWasExpected());
        await task;
    }
}
