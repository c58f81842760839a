namespace Node.Chain.Index;

/// <summary>Why a header could not be added to the block index.</summary>
public enum BlockIndexError
{
    /// <summary>The first header of an index must be a genesis header (zero previous hash).</summary>
    FirstHeaderNotGenesis,
    /// <summary>The header's previous block is not in the index (an orphan header).</summary>
    UnknownParent,
    /// <summary>The index holds <see cref="BlockIndex.MaxCount"/> entries.</summary>
    IndexFull,
}

public sealed class BlockIndexException(BlockIndexError reason, string message) : Exception(message)
{
    public BlockIndexError Reason { get; } = reason;
}
