using Node.Hosting;
using Node.Options;

namespace Node.Tests;

public sealed class NodeHostTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Start_creates_the_network_directory_takes_the_lock_and_logs_the_start()
    {
        string root = Path.Combine(_dir.Path, "fresh");
        var options = Assert.IsType<RunNode>(OptionsParser.Parse(["-regtest", "-printtoconsole=0", "-listen=0", "-server=0"], root)).Options;
        await using (var host = await NodeHost.StartAsync(options, ["a startup warning"]))
        {
            Assert.True(File.Exists(Path.Combine(root, "regtest", ".lock")));
        }
        var lines = File.ReadAllLines(Path.Combine(root, "regtest", "debug.log"));
        Assert.Contains(lines, l => l.EndsWith($" {VersionInfo.Line} starting on regtest, data directory {Path.Combine(root, "regtest")}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" [warning] a startup warning", StringComparison.Ordinal));
        Assert.EndsWith(" " + NodeHost.ShutdownDoneLine, lines[^1]);
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_directory_is_refused()
    {
        var options = _dir.Options("-regtest", "-printtoconsole=0", "-listen=0", "-server=0");
        await using (var first = await NodeHost.StartAsync(options))
        {
            var e = await Assert.ThrowsAsync<NodeStartupException>(() => NodeHost.RunAsync(options, CancellationToken.None));
            Assert.Equal(StartupFailure.DataDirLocked, e.Reason);
            Assert.Equal($"Cannot obtain a lock on directory {options.NetworkDataDir}. sharpnode is probably already running.", e.Message);

            // Another network in the same root has its own directory and lock.
            await using var signet = await NodeHost.StartAsync(_dir.Options("-signet", "-printtoconsole=0", "-listen=0", "-server=0"));
        }
        await using var again = await NodeHost.StartAsync(options);
    }

    [Fact]
    public async Task Run_returns_after_cancellation_having_logged_the_shutdown()
    {
        var options = _dir.Options("-regtest", "-printtoconsole=0", "-listen=0", "-server=0");
        using var shutdown = new CancellationTokenSource();
        var run = NodeHost.RunAsync(options, shutdown.Token);
        Assert.False(run.IsCompleted);
        await shutdown.CancelAsync();
        await run;
        var lines = File.ReadAllLines(options.DebugLogFile);
        Assert.Contains(lines, l => l.EndsWith(" Shutdown requested", StringComparison.Ordinal));
        Assert.EndsWith(" " + NodeHost.ShutdownDoneLine, lines[^1]);
        // The lock went with the host.
        await using var next = await NodeHost.StartAsync(options);
    }

    [Fact]
    public async Task An_unwritable_data_directory_is_a_named_error()
    {
        string file = _dir.Write("not-a-directory", "x");
        var options = _dir.Options("-regtest", "-printtoconsole=0", "-listen=0", "-server=0") with { DataDir = file, NetworkDataDir = Path.Combine(file, "regtest") };
        var e = await Assert.ThrowsAsync<NodeStartupException>(() => NodeHost.StartAsync(options));
        Assert.Equal(StartupFailure.DataDirNotWritable, e.Reason);
    }
}
