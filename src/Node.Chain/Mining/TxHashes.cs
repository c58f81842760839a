using Node.Primitives;
using Node.Primitives.Hashing;

namespace Node.Chain.Mining;

/// <summary>Transaction ids of segwit serializations, hashed in place without copying out the stripped form.</summary>
internal static class TxHashes
{
    /// <summary>
    /// The txid of a witness-serialized transaction: version, then the inputs and outputs in
    /// [<paramref name="bodyStart"/>, <paramref name="bodyEnd"/>), then the lock time (its last 4 bytes).
    /// </summary>
    public static Hash256 StrippedTxId(ReadOnlySpan<byte> tx, int bodyStart, int bodyEnd)
    {
        var hasher = Sha256Hasher.Create();
        hasher.Append(tx[..4]);
        hasher.Append(tx[bodyStart..bodyEnd]);
        hasher.Append(tx[^4..]);
        return hasher.FinishDouble();
    }
}
