using Node.Primitives;

namespace Node.Chain.Mining;

/// <summary>An unspent P2WSH(OP_TRUE) output the generator may spend.</summary>
internal readonly record struct Coin(Hash256 TxId, uint Index, long Value);
