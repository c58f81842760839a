using Node.Primitives.Buffers;
using Node.Primitives.Hashing;

namespace Node.Primitives.Blocks;

/// <summary>
/// What <see cref="BlockScanner"/> keeps between scans that also hash the whole block: the job list of that one
/// batch (two jobs per transaction and the block's own), grown to the largest block scanned and kept. Owned by its
/// user and used by one scan at a time; not thread-safe.
/// </summary>
public sealed class BlockScanScratch
{
    /// <summary>
    /// Jobs kept at most (2.6 MB; blocks of up to 32,767 transactions, more than any real one). Four megabytes of
    /// crafted empty transactions would need 800,000 (32 MB), allocated for that block alone rather than kept.
    /// </summary>
    internal const int MaxKeptJobs = 1 << 16;

    private Sha256Native.Job[]? _jobs;

    /// <summary>Room for <paramref name="count"/> jobs (contents undefined).</summary>
    internal Span<Sha256Native.Job> Jobs(int count) => ScratchArray.Ensure(ref _jobs, count, MaxKeptJobs).AsSpan(0, count);
}
