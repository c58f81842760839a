using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Node.Primitives.Hashing;

/// <summary>
/// SHA-256 and Bitcoin's double SHA-256. Every hash in the node goes through here: the native
/// library (SHA-NI when the CPU has it) when it loads, else <see cref="Sha256Managed"/>.
/// </summary>
public static class Sha256
{
    internal static ReadOnlySpan<uint> InitialState =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>Which implementation runs: "native-shani", "native-portable" or "managed".</summary>
    public static string Implementation => NameOf(Sha256Native.Kind);

    internal static string NameOf(int kind) => kind switch
    {
        Sha256Native.ShaNi => "native-shani",
        Sha256Native.Portable => "native-portable",
        _ => "managed",
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (Sha256Native.Available) Sha256Native.Compress(state, blocks);
        else Sha256Managed.Compress(state, blocks);
    }

    public static unsafe void Hash(ReadOnlySpan<byte> data, Span<byte> hash32)
    {
        RequireHashRoom(hash32);
        if (!Sha256Native.Available)
        {
            Sha256Managed.Hash(data, hash32);
            return;
        }
        fixed (byte* o = hash32) Sha256Native.Hash(data, o);
    }

    public static unsafe Hash256 DoubleHash(ReadOnlySpan<byte> data)
    {
        if (!Sha256Native.Available) return Sha256Managed.DoubleHash(data);
        Unsafe.SkipInit(out Hash256 result);
        Sha256Native.DoubleHash(data, (byte*)&result);
        return result;
    }

    public static unsafe void DoubleHash(ReadOnlySpan<byte> data, Span<byte> hash32)
    {
        RequireHashRoom(hash32);
        if (!Sha256Native.Available)
        {
            Sha256Managed.DoubleHash(data).WriteTo(hash32);
            return;
        }
        fixed (byte* o = hash32) Sha256Native.DoubleHash(data, o);
    }

    /// <summary>
    /// Double-hashes each consecutive 64-byte input into 32 bytes of output: one merkle tree level.
    /// <paramref name="output"/> either starts exactly where <paramref name="pairs"/> starts (in
    /// place) or does not overlap it.
    /// </summary>
    public static void DoubleHashPairs(ReadOnlySpan<byte> pairs, Span<byte> output)
    {
        int n = pairs.Length / 64;
        if (pairs.Length != n * 64) throw new ArgumentException("pairs must be whole 64-byte inputs", nameof(pairs));
        if (output.Length < n * 32) throw new ArgumentException("output needs 32 bytes per pair", nameof(output));
        if (pairs.Overlaps(output, out int offset) && offset != 0)
            throw new ArgumentException("output must start where pairs start or not overlap them", nameof(output));
        if (Sha256Native.Available) Sha256Native.DoubleHash64(pairs, output);
        else Sha256Managed.DoubleHashPairs(pairs, output);
    }

    /// <summary>
    /// Writes the last partial block <paramref name="tail"/> (under 64 bytes) followed by the
    /// padding for a message of <paramref name="messageLength"/> bytes; returns 64 or 128.
    /// </summary>
    internal static int PadFinal(ReadOnlySpan<byte> tail, ulong messageLength, Span<byte> block128)
    {
        tail.CopyTo(block128);
        block128[tail.Length] = 0x80;
        int total = tail.Length + 9 <= 64 ? 64 : 128;
        block128[(tail.Length + 1)..(total - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block128[(total - 8)..], messageLength * 8);
        return total;
    }

    internal static void WriteDigest(ReadOnlySpan<uint> state, Span<byte> hash32)
    {
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(hash32[(i * 4)..], state[i]);
    }

    private static void RequireHashRoom(Span<byte> hash32)
    {
        if (hash32.Length < Hash256.Size) throw new ArgumentException("the hash needs 32 bytes", nameof(hash32));
    }
}
