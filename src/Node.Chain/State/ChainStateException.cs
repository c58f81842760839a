namespace Node.Chain.State;

/// <summary>Why the stored chain state cannot be opened.</summary>
public enum ChainStateError
{
    /// <summary>The stored index starts from another network's genesis block.</summary>
    GenesisMismatch,
    /// <summary>A stored row's parent is missing, or its height disagrees with its ancestry.</summary>
    InconsistentIndex,
    /// <summary>The committed tip is not in the stored index.</summary>
    UnknownTip,
}

public sealed class ChainStateException(ChainStateError error, string message) : Exception(message)
{
    public ChainStateError Error { get; } = error;
}
