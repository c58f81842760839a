using System.Diagnostics.Metrics;
using Node.Sync.Hosting;

namespace Node.Hosting;

/// <summary>
/// The node's counters as a <see cref="Meter"/> named "sharpnode", read by
/// <c>dotnet-counters monitor -n sharpnode --counters sharpnode,System.Runtime</c>. Every instrument is
/// observed on demand from values the node keeps anyway, so the hot paths pay nothing for it.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "sharpnode";

    private readonly Meter _meter = new(MeterName, VersionInfo.Version);
    private readonly PeerTraffic _traffic;

    public NodeMetrics(NodeRunner node)
    {
        _traffic = new PeerTraffic(node.Connections);
        var sync = node.Sync;
        var chain = node.Chain;
        _meter.CreateObservableCounter("sharpnode.blocks.connected", () => sync.Counters.BlocksConnected, "{block}", "Blocks connected to the tip");
        _meter.CreateObservableCounter("sharpnode.headers.received", () => sync.Counters.HeadersReceived, "{header}", "Headers received from peers");
        _meter.CreateObservableGauge("sharpnode.blocks.height", () => chain.TipHeight, "{block}", "Height of the active tip");
        _meter.CreateObservableGauge("sharpnode.headers.height", () => chain.BestHeaderHeight, "{header}", "Height of the best header");
        _meter.CreateObservableCounter("sharpnode.net.bytes_received", () => _traffic.Totals().Received, "By", "Bytes received from peers");
        _meter.CreateObservableCounter("sharpnode.net.bytes_sent", () => _traffic.Totals().Sent, "By", "Bytes sent to peers");
        _meter.CreateObservableGauge("sharpnode.net.peers", () => node.Connections.Peers.Count, "{peer}", "Connected peers");
        _meter.CreateObservableGauge("sharpnode.sync.blocks_in_flight", () => sync.BlocksInFlight, "{block}", "Blocks requested and not yet received");
        _meter.CreateObservableGauge("sharpnode.sync.ring_depth", () => sync.EventRingDepth, "{event}", "Events waiting in the sync core's ring buffer");
        string blocks = Path.Combine(node.Options.DataDirectory, "blocks");
        _meter.CreateObservableCounter("sharpnode.storage.block_file_bytes", () => BlockFileBytes(blocks), "By", "Bytes in the block files (rate: storage write rate)");
        _meter.CreateObservableCounter("sharpnode.gc.allocated", () => GC.GetTotalAllocatedBytes(), "By", "Managed bytes allocated since start");
    }

    /// <summary>Bytes received and sent over all peers so far, including those gone.</summary>
    public (long Received, long Sent) Traffic => _traffic.Totals();

    public void Dispose() => _meter.Dispose();

    /// <summary>Bytes in the blk*.dat files under <paramref name="blocksDirectory"/>.</summary>
    public static long BlockFileBytes(string blocksDirectory)
    {
        var dir = new DirectoryInfo(blocksDirectory);
        if (!dir.Exists) return 0;
        long total = 0;
        foreach (var file in dir.EnumerateFiles("blk*.dat")) total += file.Length;
        return total;
    }
}
