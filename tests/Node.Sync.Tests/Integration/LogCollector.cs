using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Node.Sync.Tests.Integration;

/// <summary>Collects the log lines of the nodes of one test (prefixed by node name), for the test output.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly Stopwatch _clock;
    private readonly string _node;
    private readonly ConcurrentQueue<string> _lines;

    public LogCollector() : this("", new ConcurrentQueue<string>(), Stopwatch.StartNew())
    {
    }

    private LogCollector(string node, ConcurrentQueue<string> lines, Stopwatch clock)
    {
        _node = node;
        _lines = lines;
        _clock = clock;
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public ILoggerFactory Factory(string node) => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new LogCollector(node, _lines, _clock)));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    public void WriteTo(Xunit.Abstractions.ITestOutputHelper output)
    {
        foreach (var line in _lines) output.WriteLine(line);
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{owner._clock.Elapsed.TotalSeconds,8:0.000} {owner._node} {category} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}

/// <summary>Writes the collected log to the test output when the test ends, passed or failed.</summary>
public sealed class OutputOnExit(LogCollector logs, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    public void Dispose() => logs.WriteTo(output);
}
