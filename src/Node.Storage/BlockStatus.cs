namespace Node.Storage;

/// <summary>
/// Block-index status flags, with Bitcoin Core's BlockStatus values so rows mean the same
/// thing in both. Storage itself only interprets <see cref="HaveData"/>.
/// </summary>
[Flags]
public enum BlockStatus : uint
{
    None = 0,
    ValidHeader = 1,
    ValidTree = 2,
    ValidTransactions = 3,
    ValidChain = 4,
    ValidScripts = 5,
    ValidMask = 7,
    /// <summary>The full block is in a flat file at the row's location.</summary>
    HaveData = 8,
    HaveUndo = 16,
    FailedValid = 32,
    FailedChild = 64,
}
