using System.Globalization;

namespace Node.Bench.Ibd;

/// <summary>Prints <see cref="IbdResult"/>s as a table, each figure against its target where one is set.</summary>
public static class IbdReport
{
    public const double TargetMegabytesPerSecond = 400;
    public const double TargetAllocatedPerBlock = 1024;
    public const double TargetHeadersPerSecond = 500_000;
    public const double TargetSmallBlocksPerSecond = 10_000;
    // A chain of at most this many blocks arrives in one headers message: there is no transfer to time.
    private const int HeadersPerMessage = 2000;

    public static void Print(IbdResult r, TextWriter output)
    {
        var s = r.Settings;
        var rows = new List<(string Name, string Value, string Target)>
        {
            ("chain", $"{s.Blocks:N0} blocks, {(s.CoinbaseOnly ? "coinbase-only" : $"~{s.BlockSize:N0} B")}, {r.ChainBytes / 1e6:N1} MB (seed {s.Seed})", ""),
            ("serving peers", $"{s.Peers} {(s.Peers == 1 ? "node" : "nodes")} in one child process, warmed up (blocks served: {string.Join(" / ", r.BlocksServedByPeer)})", ""),
            ("wall time", $"{r.Wall.TotalSeconds:N2} s", ""),
            ("headers phase", $"{r.HeadersPhase.TotalSeconds:N3} s from start, {r.HeadersPerSecond:N0} headers/s", ""),
            ("headers transfer", r.Settings.Blocks > HeadersPerMessage && r.HeadersTransfer > TimeSpan.Zero ? $"{r.HeadersTransfer.TotalSeconds:N3} s first to last header, {r.HeadersTransferPerSecond:N0} headers/s" : "one headers message",
                s.CoinbaseOnly ? Against(r.HeadersTransferPerSecond, TargetHeadersPerSecond, "headers/s", higherIsBetter: true) : ""),
            ("throughput", $"{r.MegabytesPerSecond:N1} MB/s, {r.BlocksPerSecond:N0} blocks/s",
                s.CoinbaseOnly ? Against(r.BlocksPerSecond, TargetSmallBlocksPerSecond, "blocks/s", higherIsBetter: true) : Against(r.MegabytesPerSecond, TargetMegabytesPerSecond, "MB/s", higherIsBetter: true)),
            ("syncer CPU", $"{r.SyncerCpu.TotalSeconds:N2} s: {r.MegabytesPerCpuSecond:N1} MB and {r.BlocksPerCpuSecond:N0} blocks per CPU-second", ""),
            ("steady state", $"{r.SteadyBlocks:N0} blocks in {r.SteadyTime.TotalSeconds:N2} s", ""),
            ("allocated/block", $"{r.AllocatedPerBlock:N0} B (steady state, from 10%)", Against(r.AllocatedPerBlock, TargetAllocatedPerBlock, "B", higherIsBetter: false)),
            ("allocated/block", $"{r.SecondHalfAllocatedPerBlock:N0} B (second half)", Against(r.SecondHalfAllocatedPerBlock, TargetAllocatedPerBlock, "B", higherIsBetter: false)),
            ("allocated total", $"{r.TotalAllocatedBytes / 1e6:N1} MB", ""),
            ("GC collections", $"gen0 {r.Gen0}, gen1 {r.Gen1}, gen2 {r.Gen2}", ""),
            ("peak RSS", $"{r.PeakWorkingSet / (1 << 20):N0} MiB", ""),
            ("load average", r.LoadAverage, ""),
        };
        int nameWidth = rows.Max(x => x.Name.Length), valueWidth = rows.Max(x => x.Value.Length);
        output.WriteLine();
        foreach (var (name, value, target) in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name.PadRight(nameWidth)} | {value.PadRight(valueWidth)} | {target}"));
        output.WriteLine();
    }

    private static string Against(double value, double target, string unit, bool higherIsBetter)
    {
        bool met = higherIsBetter ? value >= target : value < target;
        return string.Create(CultureInfo.InvariantCulture, $"target {(higherIsBetter ? ">=" : "<")} {target:N0} {unit}: {(met ? "met" : "MISSED")}");
    }
}
