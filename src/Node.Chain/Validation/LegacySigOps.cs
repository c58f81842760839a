using Node.Primitives.Scripts;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>Core's GetLegacySigOpCount: inaccurate sigops of every scriptSig and scriptPubKey.</summary>
public static class LegacySigOps
{
    public static int Count(TransactionReader tx)
    {
        int count = 0;
        foreach (var input in tx.Inputs) count += SigOpCount.Of(input.ScriptSig, accurate: false);
        foreach (var output in tx.Outputs) count += SigOpCount.Of(output.ScriptPubKey, accurate: false);
        return count;
    }
}
