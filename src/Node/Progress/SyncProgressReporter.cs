using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Node.Hosting;
using Node.Sync.Hosting;

namespace Node.Progress;

/// <summary>
/// Watches the sync once a second. On a terminal it keeps one status line up to date (overwritten with
/// a carriage return) while a sync runs; otherwise it logs Core-style <c>UpdateTip</c> lines at most every
/// <see cref="LogInterval"/> while the tip moves. When the blocks first catch up with the headers it logs
/// the summary of that sync (once, as Core leaves initial block download once).
/// </summary>
public sealed partial class SyncProgressReporter : IAsyncDisposable
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly NodeRunner _node;
    private readonly object _gate;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _log;
    private readonly TextWriter? _terminal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SyncRun? _run;
    private bool _syncDone;
    private bool _lineShown;
    private int _lastHeight;
    private long _lastBytes;
    private TimeSpan _lastSample;
    private TimeSpan _lastLog;
    private double _blockRate;
    private double _byteRate;

    /// <param name="terminal">Where the live line goes, or null to log lines instead.</param>
    public SyncProgressReporter(NodeRunner node, object gate, NodeMetrics metrics, ILogger log, TextWriter? terminal)
    {
        _node = node;
        _gate = gate;
        _metrics = metrics;
        _log = log;
        _terminal = terminal;
        lock (gate) _lastHeight = node.Chain.TipHeight;
        _loop = Task.Run(RunAsync);
    }

    private sealed record SyncRun(TimeSpan Started, int StartHeight, long StartBytes);

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false)) Sample();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        int height, headers;
        string tip;
        uint tipTime;
        lock (_gate)
        {
            var chain = _node.Chain;
            height = chain.TipHeight;
            headers = chain.BestHeaderHeight;
            tip = chain.Tip.ToString();
            chain.GetHeaderByHeight(height, out var header, out _);
            tipTime = header.Time;
        }
        var now = _clock.Elapsed;
        long bytes = _metrics.Traffic.Received;
        double seconds = (now - _lastSample).TotalSeconds;
        if (seconds > 0)
        {
            // Smoothed over a few samples so one slow second does not swing the ETA.
            _blockRate = 0.7 * _blockRate + 0.3 * ((height - _lastHeight) / seconds);
            _byteRate = 0.7 * _byteRate + 0.3 * ((bytes - _lastBytes) / seconds);
        }
        bool moved = height != _lastHeight;
        // A sync is under way when the blocks are behind the headers, or when more than one block
        // arrived since the last sample (a short sync can start and finish between two samples).
        if (_run is null && !_syncDone && (headers > height || height - _lastHeight > 1))
            _run = new SyncRun(_lastSample, _lastHeight, _lastBytes);
        _lastHeight = height;
        _lastBytes = bytes;
        _lastSample = now;

        int peers = _node.Connections.Peers.Count;
        if (_terminal is null && moved && (now - _lastLog >= LogInterval || height == headers))
        {
            _lastLog = now;
            UpdateTip(_log, tip, height, DateTimeOffset.FromUnixTimeSeconds(tipTime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                headers <= 0 ? 1.0 : (double)height / headers, headers, peers, _blockRate);
        }
        if (_run is null) return;

        double percent = headers <= 0 ? 100 : 100.0 * height / headers;
        TimeSpan? eta = _blockRate > 0.01 ? TimeSpan.FromSeconds((headers - height) / _blockRate) : null;
        var line = new ProgressLine(headers, height, percent, _blockRate, _byteRate / 1e6, peers, eta);
        if (_terminal is not null)
        {
            line.Overwrite(_terminal);
            _lineShown = true;
        }

        if (height == headers && height > _run.StartHeight && peers > 0)
        {
            EndRun(now, height, bytes);
        }
    }

    private void EndRun(TimeSpan now, int height, long bytes)
    {
        var run = _run!;
        _run = null;
        _syncDone = true;
        if (_lineShown)
        {
            _terminal!.WriteLine();
            _lineShown = false;
        }
        using var self = Process.GetCurrentProcess();
        var summary = new SyncSummary(now - run.Started, height - run.StartHeight, bytes - run.StartBytes, self.PeakWorkingSet64);
        SyncDone(_log, summary.Format());
        _terminal?.WriteLine(summary.Format());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        if (_lineShown) _terminal!.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "UpdateTip: new best={Hash} height={Height} date='{Date}' progress={Progress:F6} headers={Headers} peers={Peers} blocks/s={Rate:F1}")]
    private static partial void UpdateTip(ILogger logger, string hash, int height, string date, double progress, int headers, int peers, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initial block download done. {Summary}")]
    private static partial void SyncDone(ILogger logger, string summary);
}
