namespace Node.Tests;

/// <summary>The executable as a user meets it: exit codes, what it prints, and signals.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Help_prints_the_options_and_exits_0()
    {
        var (code, stdout, stderr) = await SharpnodeProcess.RunAsync("-help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:  sharpnode [options]", stdout);
        Assert.Contains("\n  -datadir=<dir>\n", stdout);
        Assert.Contains("\n  -rpcport=<port>\n", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (code, stdout, _) = await SharpnodeProcess.RunAsync("-version");
        Assert.Equal(0, code);
        Assert.Equal(VersionInfo.Line + "\n", stdout);
    }

    [Fact]
    public async Task An_unknown_option_exits_1_with_a_named_error_and_no_stack_trace()
    {
        var (code, stdout, stderr) = await SharpnodeProcess.RunAsync("-regtest", "-foo");
        Assert.Equal(1, code);
        Assert.Equal("Error: Error parsing command line arguments: Invalid parameter -foo\n", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_malformed_value_exits_1_naming_the_option()
    {
        var (code, _, stderr) = await SharpnodeProcess.RunAsync("-regtest", "-datadir=" + _dir.Path, "-port=abc");
        Assert.Equal(1, code);
        Assert.Equal("Error: Invalid port specified in -port: 'abc'\n", stderr);
    }

    [Theory]
    [InlineData(SharpnodeProcess.SIGTERM)]
    [InlineData(SharpnodeProcess.SIGINT)]
    public async Task A_signal_shuts_the_node_down_gracefully(int signal)
    {
        using var node = SharpnodeProcess.Start("-regtest", "-datadir=" + _dir.Path, "-listen=0", "-server=0");
        await node.WaitForOutputAsync("starting on regtest");
        node.Signal(signal);
        Assert.Equal(0, await node.WaitForExitAsync());
        Assert.Equal("", node.Stderr);
        var log = File.ReadAllLines(Path.Combine(_dir.Path, "regtest", "debug.log"));
        Assert.Contains(log, l => l.EndsWith($"starting on regtest, data directory {Path.Combine(_dir.Path, "regtest")}", StringComparison.Ordinal));
        Assert.EndsWith(" Shutdown: done", log[^1]);
        Assert.Contains(" Shutdown: done", node.Stdout);
    }

    [Fact]
    public async Task A_second_node_on_the_same_data_directory_exits_1()
    {
        using var first = SharpnodeProcess.Start("-regtest", "-datadir=" + _dir.Path, "-listen=0", "-server=0");
        await first.WaitForOutputAsync("starting on regtest");

        var (code, _, stderr) = await SharpnodeProcess.RunAsync("-regtest", "-datadir=" + _dir.Path, "-listen=0", "-server=0");
        Assert.Equal(1, code);
        Assert.Equal($"Error: Cannot obtain a lock on directory {Path.Combine(_dir.Path, "regtest")}. sharpnode is probably already running.\n", stderr);

        first.Signal(SharpnodeProcess.SIGTERM);
        Assert.Equal(0, await first.WaitForExitAsync());
    }
}
