using System.Runtime.InteropServices;
using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.Fixtures;

/// <summary>
/// Straight chains of synthetic headers for sizing and timing the block index: unique, well-spread
/// fake hashes and no proof of work. Shared by the chain tests and the benchmarks.
/// </summary>
internal static class SyntheticChain
{
    public const uint Bits = 0x1d00ffff;

    /// <summary>The fake hash of synthetic header <paramref name="n"/> (SplitMix64 of n in each limb).</summary>
    public static Hash256 Hash(ulong n)
    {
        Span<ulong> limbs = [Mix(n), Mix(n ^ 0x5555), Mix(n ^ 0xaaaa), Mix(n ^ 0xffff)];
        return new Hash256(MemoryMarshal.AsBytes(limbs));
    }

    public static BlockHeader Header(int n, Hash256 prev) =>
        new(1, prev, Hash((ulong)n), 1_231_006_505u + (uint)n * 600, Bits, (uint)n);

    /// <summary>Adds headers 0..count-1 (genesis first); header n gets id n in an empty index.</summary>
    public static void AddTo(BlockIndex index, int count)
    {
        var prev = Hash256.Zero;
        for (int n = 0; n < count; n++)
        {
            var hash = Hash((ulong)n);
            index.Add(Header(n, prev), hash);
            prev = hash;
        }
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
