using Node.Demo;

namespace Node.Host.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_syncs_a_small_chain_between_two_processes_and_the_tips_match()
    {
        var start = HostNodes.Executable();
        foreach (string a in new[] { "demo", "-blocks=150", "-blocksize=20000", "-peers=2" }) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        Assert.Contains("Started serving node 2", output);
        Assert.Matches(@"Synced 150 blocks \([0-9.]+ MB\) in [0-9.]+ s: [0-9.]+ MB/s, [0-9.]+ blocks/s, peak memory [1-9][0-9]* MiB", output);
        var tip = System.Text.RegularExpressions.Regex.Match(output, "Serving 150 blocks .*, tip ([0-9a-f]{64})");
        Assert.True(tip.Success, output);
        Assert.Contains($"{DemoCommand.TipsMatchLine}: serving and syncing nodes are both at {tip.Groups[1].Value} (height 150)", output);
    }

    [Fact]
    public void Demo_options_are_checked()
    {
        Assert.Equal(new DemoOptions { Blocks = 10, BlockSize = 5000, Peers = 3, Keep = true },
            DemoOptions.Parse(["-blocks=10", "-blocksize=5000", "-peers=3", "-keep"], out _));
        Assert.Null(DemoOptions.Parse(["-blocks=0"], out string? error));
        Assert.Contains("-blocks=1..100000", error);
        Assert.Null(DemoOptions.Parse(["-blocksize=12"], out _));
        Assert.Null(DemoOptions.Parse(["-foo"], out _));
    }
}
