using System.Runtime.CompilerServices;
using Node.Chain.Fixtures;
using Node.Chain.Index;
using Xunit.Abstractions;

namespace Node.Chain.Tests;

/// <summary>Runs alone: the live-memory figure is process-wide, so parallel tests would distort it.</summary>
[CollectionDefinition(nameof(BlockIndexMemoryTests), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;

[Collection(nameof(BlockIndexMemoryTests))]
public class BlockIndexMemoryTests(ITestOutputHelper output)
{
    private const int Headers = 1_000_000;
    private const int BudgetPerHeader = 200;

    [Fact]
    public void One_million_headers_fit_in_200_bytes_each_including_the_header()
    {
        long liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var index = new BlockIndex();
        SyntheticChain.AddTo(index, Headers);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long live = GC.GetTotalMemory(forceFullCollection: true) - liveBefore;
        GC.KeepAlive(index);

        double livePerHeader = (double)live / Headers;
        double allocatedPerHeader = (double)allocated / Headers;
        output.WriteLine($"entry {Unsafe.SizeOf<BlockIndexEntry>()} B; live {livePerHeader:F1} B/header; allocated (incl. table resizes) {allocatedPerHeader:F1} B/header");

        Assert.Equal(Headers, index.Count);
        Assert.Equal(Headers - 1, index[index.BestHeader].Height);
        Assert.InRange(livePerHeader, 1, BudgetPerHeader);
        Assert.InRange(allocatedPerHeader, 1, BudgetPerHeader);
    }
}
