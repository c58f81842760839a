namespace Node.Primitives.Consensus;

/// <summary>A block hash the chain must have at a height.</summary>
public readonly record struct Checkpoint(int Height, Hash256 Hash);
