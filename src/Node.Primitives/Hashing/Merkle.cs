namespace Node.Primitives.Hashing;

/// <summary>Bitcoin's merkle root over transaction ids (Bitcoin Core's ComputeMerkleRoot).</summary>
public static class Merkle
{
    /// <summary>
    /// Computes the merkle root of <c>leaves32.Length / 32</c> leaf hashes, level by level in place:
    /// the span is overwritten (it is the caller's scratch). An odd level pairs its last hash with
    /// itself. <paramref name="mutated"/> reports the CVE-2012-2459 ambiguity: some level had two
    /// equal siblings at positions (2i, 2i+1), so another transaction list has the same root.
    /// No leaves give <see cref="Hash256.Zero"/>; one leaf is its own root.
    /// </summary>
    public static Hash256 ComputeRoot(Span<byte> leaves32, out bool mutated)
    {
        if (leaves32.Length % Hash256.Size != 0)
            throw new ArgumentException("leaves must be whole 32-byte hashes", nameof(leaves32));
        mutated = false;
        int count = leaves32.Length / Hash256.Size;
        if (count == 0) return Hash256.Zero;

        Span<byte> lastPair = stackalloc byte[64];
        while (count > 1)
        {
            int pairs = count / 2;
            for (int i = 0; i < pairs; i++)
            {
                var pair = leaves32.Slice(i * 64, 64);
                if (pair[..32].SequenceEqual(pair[32..])) mutated = true;
            }
            bool odd = (count & 1) != 0;
            if (odd)
            {
                // Copy the lone last hash out before the pairs below overwrite the level's front.
                var last = leaves32.Slice((count - 1) * 32, 32);
                last.CopyTo(lastPair);
                last.CopyTo(lastPair[32..]);
            }
            Sha256.DoubleHashPairs(leaves32[..(pairs * 64)], leaves32);
            if (odd) Sha256.DoubleHashPairs(lastPair, leaves32.Slice(pairs * 32, 32));
            count = pairs + (odd ? 1 : 0);
        }
        return new Hash256(leaves32[..32]);
    }
}
