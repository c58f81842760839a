using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Buffers;

namespace Node.Chain.Validation;

/// <summary>
/// The working memory of <see cref="BlockValidator.CheckBlock(ReadOnlySpan{byte}, Span{byte}, BlockCheckScratch, out CheckedBlock)"/>:
/// the transaction ids and witness ids, the duplicate-input table and the whole-block hashing batch's job list. Each
/// array grows (to a power of two) the first time a block needs more and is then kept, so a check allocates nothing
/// once the scratch has seen a block as large. Owned by its user, who runs one check at a time with it (a second
/// check at once throws).
/// </summary>
public sealed class BlockCheckScratch
{
    private byte[]? _hashes;
    private int[]? _table;
    private int _inUse;

    /// <summary>The scan's own part (the hashing batch's job list).</summary>
    internal BlockScanScratch Scan { get; } = new();

    /// <summary>Room for the txids then the wtxids of <paramref name="txCount"/> transactions (contents undefined).</summary>
    internal Span<byte> Hashes(int txCount) => ScratchArray.Ensure(ref _hashes, txCount * 2 * Hash256.Size).AsSpan(0, txCount * 2 * Hash256.Size);

    /// <summary>A duplicate-input table of <paramref name="length"/> entries (see <see cref="DuplicateInputs.TableLength"/>).</summary>
    internal Span<int> Table(int length) => ScratchArray.Ensure(ref _table, length).AsSpan(0, length);

    /// <summary>Marks the scratch taken by one check: a second at the same time would overwrite the first one's hashes.</summary>
    internal void Enter()
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
            throw new InvalidOperationException("this BlockCheckScratch is already in use by another check");
    }

    internal void Exit() => Volatile.Write(ref _inUse, 0);
}
