namespace Node.Chain.Index;

/// <summary>What is known about a block index entry. Flags only accumulate, except through reconsideration.</summary>
[Flags]
public enum BlockStatus
{
    None = 0,
    /// <summary>The header passed context-free and contextual header checks.</summary>
    HeaderValid = 1,
    /// <summary>The block bytes are stored; <see cref="BlockIndexEntry.DataFile"/> and friends say where.</summary>
    DataStored = 2,
    /// <summary>The block was connected: scripts and UTXO spends checked.</summary>
    FullyValidated = 4,
    /// <summary>The block itself failed validation.</summary>
    Failed = 8,
    /// <summary>An ancestor failed validation, so this block can never be valid.</summary>
    FailedParent = 16,

    FailureMask = Failed | FailedParent,
}
