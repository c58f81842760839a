using Microsoft.Extensions.Logging;
using Node.Logging;

namespace Node.Tests;

public sealed class LoggingTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly DateTimeOffset At = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(LogLevel.Information, "Node.Hosting.NodeHost", "2026-11-26T15:00:00Z hello")]
    [InlineData(LogLevel.Debug, "Node.Net.Peer", "2026-11-26T15:00:00Z [net] hello")]
    [InlineData(LogLevel.Debug, "Node.Storage", "2026-11-26T15:00:00Z [storage] hello")]
    [InlineData(LogLevel.Trace, "Node.Sync.Headers", "2026-11-26T15:00:00Z [sync:trace] hello")]
    [InlineData(LogLevel.Debug, "Node.Network", "2026-11-26T15:00:00Z [all] hello")]
    [InlineData(LogLevel.Warning, "Node.Chain", "2026-11-26T15:00:00Z [warning] hello")]
    [InlineData(LogLevel.Error, "Node.Rpc", "2026-11-26T15:00:00Z [error] hello")]
    public void Lines_look_like_cores(LogLevel level, string category, string expected)
    {
        Assert.Equal(expected, LogLine.Format(At, level, category, "hello", null));
    }

    [Fact]
    public void Timestamps_are_utc()
    {
        var local = new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.FromHours(2));
        Assert.StartsWith("2026-11-26T15:00:00Z ", LogLine.Format(local, LogLevel.Information, "x", "m", null));
    }

    [Fact]
    public async Task The_file_logger_keeps_every_line_in_order_past_its_queue_and_flushes_on_dispose()
    {
        string path = Path.Combine(_dir.Path, "debug.log");
        int count = FileLoggerProvider.QueueCapacity * 3;
        var provider = new FileLoggerProvider(path);
        var log = provider.CreateLogger("Node.Test");
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < count; i++) log.LogInformation("writer {Writer} line {Line}", w, i);
        })).ToArray();
        await Task.WhenAll(writers);
        provider.Dispose();
        log.LogInformation("after dispose"); // goes nowhere, throws nothing

        var lines = File.ReadAllLines(path);
        Assert.Equal(2 * count, lines.Length);
        for (int w = 0; w < 2; w++)
        {
            string tag = $"writer {w} line ";
            var mine = lines.Where(l => l.Contains(tag, StringComparison.Ordinal)).Select(l => int.Parse(l[(l.IndexOf(tag, StringComparison.Ordinal) + tag.Length)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, count), mine);
        }
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ writer", l));
    }

    [Fact]
    public void The_file_logger_appends_to_an_existing_log()
    {
        string path = _dir.Write("debug.log", "earlier run\n");
        using (var provider = new FileLoggerProvider(path)) provider.CreateLogger("x").LogInformation("later run");
        var lines = File.ReadAllLines(path);
        Assert.Equal("earlier run", lines[0]);
        Assert.EndsWith(" later run", lines[1]);
    }

    [Fact]
    public void Debug_categories_lower_the_level_of_their_namespaces_only()
    {
        var options = _dir.Options("-debug=net", "-debug=storage", "-printtoconsole=0");
        using (var factory = NodeLogging.Create(options))
        {
            Assert.True(factory.CreateLogger("Node.Net.Peers.Peer").IsEnabled(LogLevel.Debug));
            Assert.True(factory.CreateLogger("Node.Storage.BlockFiles").IsEnabled(LogLevel.Debug));
            Assert.False(factory.CreateLogger("Node.Sync.Headers").IsEnabled(LogLevel.Debug));
            Assert.True(factory.CreateLogger("Node.Sync.Headers").IsEnabled(LogLevel.Information));
            Assert.False(factory.CreateLogger("Node.Hosting.NodeHost").IsEnabled(LogLevel.Debug));
            Assert.False(factory.CreateLogger("Node.Net.Peers.Peer").IsEnabled(LogLevel.Trace));

            factory.CreateLogger("Node.Net.Peers.Peer").LogDebug("net detail");
            factory.CreateLogger("Node.Sync.Headers").LogDebug("sync detail");
            factory.CreateLogger("Node.Sync.Headers").LogInformation("sync news");
        }
        string log = File.ReadAllText(options.DebugLogFile);
        Assert.Contains("[net] net detail", log);
        Assert.DoesNotContain("sync detail", log);
        Assert.Contains("Z sync news", log);
    }

    [Fact]
    public void Without_debug_everything_logs_at_information()
    {
        var options = _dir.Options("-printtoconsole=0");
        using var factory = NodeLogging.Create(options);
        foreach (var e in DebugCategoryNames.Entries)
        {
            Assert.False(factory.CreateLogger(e.Namespace + ".X").IsEnabled(LogLevel.Debug));
            Assert.True(factory.CreateLogger(e.Namespace + ".X").IsEnabled(LogLevel.Information));
        }
        using var all = NodeLogging.Create(_dir.Options("-debug", "-printtoconsole=0"));
        Assert.All(DebugCategoryNames.Entries, e => Assert.True(all.CreateLogger(e.Namespace).IsEnabled(LogLevel.Debug)));
    }
}
