using System.Globalization;

namespace Node.Progress;

/// <summary>The end-of-sync summary: how long, how much, how fast, how much memory at peak.</summary>
public readonly record struct SyncSummary(TimeSpan Elapsed, long Blocks, long Bytes, long PeakWorkingSetBytes)
{
    public double Megabytes => Bytes / 1e6;

    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Megabytes / Elapsed.TotalSeconds : 0;

    public double BlocksPerSecond => Elapsed.TotalSeconds > 0 ? Blocks / Elapsed.TotalSeconds : 0;

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"Synced {Blocks} blocks ({Megabytes:F1} MB) in {Elapsed.TotalSeconds:F1} s: {MegabytesPerSecond:F2} MB/s, {BlocksPerSecond:F1} blocks/s, peak memory {PeakWorkingSetBytes / (1024.0 * 1024.0):F0} MiB");
}
