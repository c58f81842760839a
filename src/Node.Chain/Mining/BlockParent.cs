using Node.Primitives;

namespace Node.Chain.Mining;

/// <summary>What a new block needs to know about the block it builds on.</summary>
/// <param name="MedianTimePast">The median time of the parent and its 10 ancestors: the new block's time must exceed it.</param>
public readonly record struct BlockParent(Hash256 Hash, int Height, uint Time, uint MedianTimePast);
