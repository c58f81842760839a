using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Buffers;

namespace Node.Chain.Validation;

/// <summary>
/// The working memory of <see cref="BlockValidator.CheckBlock(ReadOnlySpan{byte}, Span{byte}, BlockCheckScratch, out CheckedBlock)"/>:
/// the transaction ids and witness ids, the duplicate-input table and the whole-block hashing batch's job list. Each
/// array grows (to a power of two) the first time a block needs more and is then kept, so a check allocates nothing
/// once the scratch has seen a block as large; only a block of more transactions than any real one (crafted, see
/// <see cref="MaxKeptTxs"/>) gets arrays for itself alone. Owned by its user, who runs one check at a time with it (a
/// second check at once throws).
/// </summary>
public sealed class BlockCheckScratch
{
    /// <summary>
    /// Transactions whose ids are kept room for (2 MB): real blocks have far fewer, while four megabytes of crafted
    /// empty transactions would need 25 MB of ids (and 32 MB of hashing jobs), which a peer could otherwise make each
    /// of its block slots keep.
    /// </summary>
    internal const int MaxKeptTxs = 1 << 15;

    private byte[]? _hashes;
    private int[]? _table;
    private int _inUse;

    /// <summary>The scan's own part (the hashing batch's job list).</summary>
    internal BlockScanScratch Scan { get; } = new();

    /// <summary>Room for the txids then the wtxids of <paramref name="txCount"/> transactions (contents undefined).</summary>
    internal Span<byte> Hashes(int txCount)
    {
        int length = txCount * 2 * Hash256.Size;
        return ScratchArray.Ensure(ref _hashes, length, MaxKeptTxs * 2 * Hash256.Size).AsSpan(0, length);
    }

    /// <summary>
    /// A duplicate-input table of at least <paramref name="length"/> entries (see <see cref="DuplicateInputs.TableLength"/>):
    /// at most 1 MB, as a transaction of four megabytes has fewer than 100,000 inputs, so kept whatever its size.
    /// </summary>
    internal int[] Table(int length) => ScratchArray.Ensure(ref _table, length);

    /// <summary>Marks the scratch taken by one check: a second at the same time would overwrite the first one's hashes.</summary>
    internal void Enter()
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
            throw new InvalidOperationException("this BlockCheckScratch is already in use by another check");
    }

    internal void Exit() => Volatile.Write(ref _inUse, 0);
}
