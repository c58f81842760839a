using System.Buffers;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;

namespace Node.Bench.Ibd;

/// <summary>A failed post-sync check: the run's figures are not to be reported.</summary>
public sealed class IbdCheckException(string message) : Exception(message);

/// <summary>After a sync: both nodes end at the chain's tip, and a sample of blocks are byte-identical between them.</summary>
/// <remarks><see cref="VerifyAgainstChainFile"/> checks against the cached chain the servers were loaded from, while they still run.</remarks>
public static class SyncCheck
{
    private const int Samples = 64;

    public static void Verify(string syncDir, string serveDir, Hash256 expectedTip, int height)
    {
        using var synced = ChainState.Open(syncDir, ChainParams.Regtest);
        using var served = ChainState.Open(serveDir, ChainParams.Regtest);
        foreach (var (name, chain) in new[] { ("syncing", synced), ("serving", served) })
            if (chain.Tip != expectedTip || chain.TipHeight != height)
                throw new IbdCheckException($"{name} node ends at {chain.TipHeight} {chain.Tip}, expected {height} {expectedTip}");

        var mine = new ArrayBufferWriter<byte>();
        var theirs = new ArrayBufferWriter<byte>();
        foreach (int h in SampleHeights(height))
        {
            if (!synced.GetHeaderByHeight(h, out _, out var hash) || !served.GetHeaderByHeight(h, out _, out var servedHash) || hash != servedHash)
                throw new IbdCheckException($"block {h}: the nodes' chains differ");
            mine.ResetWrittenCount();
            theirs.ResetWrittenCount();
            var a = synced.FetchBlock(hash, mine);
            var b = served.FetchBlock(hash, theirs);
            if (a != StorageError.None || b != StorageError.None)
                throw new IbdCheckException($"block {h} {hash}: fetch failed (syncing: {a}, serving: {b})");
            if (!mine.WrittenSpan.SequenceEqual(theirs.WrittenSpan))
                throw new IbdCheckException($"block {h} {hash}: the stored bytes differ ({mine.WrittenCount} vs {theirs.WrittenCount} bytes)");
        }
    }

    /// <summary>The syncing node ends at the chain's tip and its sampled blocks equal those of the cached chain file.</summary>
    public static void VerifyAgainstChainFile(string syncDir, ChainCache cache, Hash256 expectedTip, int height)
    {
        using var synced = ChainState.Open(syncDir, ChainParams.Regtest);
        if (synced.Tip != expectedTip || synced.TipHeight != height)
            throw new IbdCheckException($"syncing node ends at {synced.TipHeight} {synced.Tip}, expected {height} {expectedTip}");
        var heights = SampleHeights(height);
        var mine = new ArrayBufferWriter<byte>();
        int h = 0;
        foreach (var block in cache.ReadBlocks())
        {
            if (!heights.Contains(++h)) continue;
            var hash = BlockHeader.HashOf(block);
            mine.ResetWrittenCount();
            var error = synced.FetchBlock(hash, mine);
            if (error != StorageError.None) throw new IbdCheckException($"block {h} {hash}: fetch failed ({error})");
            if (!mine.WrittenSpan.SequenceEqual(block)) throw new IbdCheckException($"block {h} {hash}: the stored bytes differ from the chain file");
        }
    }

    private static SortedSet<int> SampleHeights(int height)
    {
        var random = new Random(height);
        var heights = new SortedSet<int> { 1, Math.Max(1, height / 2), height };
        while (heights.Count < Math.Min(Samples, height)) heights.Add(random.Next(1, height + 1));
        return heights;
    }
}
