namespace Node.Primitives;

/// <summary>
/// What is known about a block: the block index's entry status and the flags a stored index row
/// carries (storage itself interprets only <see cref="DataStored"/>). Flags only accumulate,
/// except through reconsideration and storage recovery (which clears <see cref="DataStored"/>).
/// </summary>
[Flags]
public enum BlockStatus : uint
{
    None = 0,
    /// <summary>The header passed context-free and contextual header checks.</summary>
    HeaderValid = 1,
    /// <summary>The block bytes are stored in a flat file at the entry's location.</summary>
    DataStored = 2,
    /// <summary>The block was connected to the best chain with every check this node runs.</summary>
    FullyValidated = 4,
    /// <summary>The block itself failed validation.</summary>
    Failed = 8,
    /// <summary>An ancestor failed validation, so this block can never be valid.</summary>
    FailedParent = 16,

    FailureMask = Failed | FailedParent,
}
