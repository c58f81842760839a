using Node.Primitives;

namespace Node.Storage;

/// <summary>A block whose bytes were lost: its row stays as a header without data.</summary>
public readonly record struct DroppedBlock(Hash256 Hash, int Height, StorageError Reason);

/// <summary>
/// What opening the store had to repair after an unclean stop or damaged files.
/// <see cref="DiscardedBytes"/>: flat-file bytes past the committed end (uncommitted records and
/// the preallocated space after them) cut off or deleted with <see cref="DeletedFiles"/>.
/// <see cref="DroppedBlocks"/>: committed rows whose bytes were lost; the chain layer must treat
/// them as not downloaded and roll its tip back to <see cref="Tip"/> if it moved.
/// </summary>
public sealed record RecoveryReport(
    long DiscardedBytes,
    IReadOnlyList<int> DeletedFiles,
    IReadOnlyList<DroppedBlock> DroppedBlocks,
    Hash256 StoredTip,
    Hash256 Tip)
{
    /// <summary>The committed tip's bytes were lost and <see cref="Tip"/> is the nearest ancestor whose bytes are intact.</summary>
    public bool TipRolledBack => StoredTip != Tip;

    public bool Clean => DiscardedBytes == 0 && DeletedFiles.Count == 0 && DroppedBlocks.Count == 0 && !TipRolledBack;
}
