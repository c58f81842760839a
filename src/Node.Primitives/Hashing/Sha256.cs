using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Node.Primitives.Hashing;

/// <summary>
/// SHA-256 and Bitcoin's double SHA-256. Every hash in the node goes through here, so the
/// compression function is swappable: the native SHA-NI library when it loads, else managed code.
/// </summary>
public static class Sha256
{
    internal static ReadOnlySpan<uint> InitialState =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>Which implementation runs: "managed" until the native library is wired in.</summary>
    public static string Implementation => "managed";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks) => Sha256Managed.Compress(state, blocks);

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash32)
    {
        var h = Sha256Hasher.Create();
        h.Append(data);
        h.Finish(hash32);
    }

    public static Hash256 DoubleHash(ReadOnlySpan<byte> data)
    {
        var h = Sha256Hasher.Create();
        h.Append(data);
        return h.FinishDouble();
    }

    public static void DoubleHash(ReadOnlySpan<byte> data, Span<byte> hash32) => DoubleHash(data).WriteTo(hash32);

    /// <summary>
    /// Double-hashes each consecutive 64-byte input into 32 bytes of output: one merkle tree level.
    /// <paramref name="output"/> may overlap the start of <paramref name="pairs"/>.
    /// </summary>
    public static void DoubleHashPairs(ReadOnlySpan<byte> pairs, Span<byte> output)
    {
        int n = pairs.Length / 64;
        if (pairs.Length != n * 64 || output.Length < n * 32) throw new ArgumentException("pairs must be 64-byte blocks, output 32 bytes each");
        for (int i = 0; i < n; i++) DoubleHash(pairs.Slice(i * 64, 64)).WriteTo(output.Slice(i * 32, 32));
    }

    [SkipLocalsInit]
    internal static Hash256 DoubleHashSecondRound(ReadOnlySpan<byte> first32)
    {
        Span<uint> state = stackalloc uint[8];
        InitialState.CopyTo(state);
        Span<byte> block = stackalloc byte[64];
        first32.CopyTo(block);
        block[32] = 0x80;
        block[33..62].Clear();
        block[62] = 0x01; // bit length 256, big-endian
        block[63] = 0x00;
        Compress(state, block);
        Span<byte> result = stackalloc byte[32];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(result[(i * 4)..], state[i]);
        return new Hash256(result);
    }
}
