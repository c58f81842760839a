using Microsoft.Extensions.Logging;

namespace Node.Sync.Core;

/// <summary>
/// btcd's blockProgressLogger: blocks and transactions processed, their rate, bytes per second and the height
/// and time of the tip, logged at most once per interval. Core thread only.
/// </summary>
internal sealed class ProgressLog(ILogger log, TimeProvider time, TimeSpan interval)
{
    private long _blocks;
    private long _txs;
    private long _bytes;
    private long _lastLog = time.GetTimestamp();
    private uint _tipTime;

    public void BlockBytes(int bytes, int txs)
    {
        _bytes += bytes;
        _txs += txs;
    }

    public void Connected(uint tipTime)
    {
        _blocks++;
        _tipTime = tipTime;
    }

    public void MaybeLog(int tipHeight, int bestHeaderHeight, int inFlight, int peers)
    {
        var elapsed = time.GetElapsedTime(_lastLog);
        if (elapsed < interval || _blocks == 0) return;
        double seconds = elapsed.TotalSeconds;
        SyncLog.Progress(log, _blocks, _blocks / seconds, _txs, _bytes / seconds / 1e6, tipHeight, bestHeaderHeight,
            DateTimeOffset.FromUnixTimeSeconds(_tipTime), inFlight, peers);
        _blocks = _txs = _bytes = 0;
        _lastLog = time.GetTimestamp();
    }
}
