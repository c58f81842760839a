using Node.Primitives.Transactions;

namespace Node.Primitives.Blocks;

/// <summary>
/// Sees each transaction of a block during <see cref="BlockScanner.TryScan{TVisitor}"/> (a struct, so the calls inline):
/// first its inputs and outputs as they are decoded, then the whole transaction.
/// </summary>
public interface IBlockTxVisitor : ITxPartVisitor
{
    /// <summary>The <paramref name="index"/>-th transaction, a view of the block's bytes (its hashes may not be written yet).</summary>
    void Visit(int index, TransactionReader tx);
}
