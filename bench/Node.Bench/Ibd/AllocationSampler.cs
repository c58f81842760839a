using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Node.Bench.Ibd;

/// <summary>
/// The runtime's AllocationTick events (one per ~100 KB allocated) counted by type: where a run's managed allocations
/// go, for <c>ibd --alloc-types</c>. Sampling, so small types may not show up at all.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    /// <summary>Only events while this is set are counted (the measured sync, not the setup or the checks).</summary>
    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        int nameIndex = e.PayloadNames!.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (nameIndex < 0 || amountIndex < 0) return;
        _bytesByType.AddOrUpdate((string)e.Payload[nameIndex]!, (long)(ulong)e.Payload[amountIndex]!, (_, total) => total + (long)(ulong)e.Payload[amountIndex]!);
    }

    public void Print(TextWriter output, int top = 15)
    {
        output.WriteLine("sampled allocations by type (AllocationTick, ~100 KB granularity):");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
            output.WriteLine($"  {bytes / 1e6,10:N1} MB  {type}");
    }
}
