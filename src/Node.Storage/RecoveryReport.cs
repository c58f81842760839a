using Node.Primitives;

namespace Node.Storage;

/// <summary>A block whose bytes were lost: its row stays as a header without data.</summary>
public readonly record struct DroppedBlock(Hash256 Hash, int Height, StorageError Reason);

/// <summary>What opening the store had to repair after an unclean stop or damaged files.</summary>
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
