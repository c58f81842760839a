using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Node.Primitives.Hashing;

/// <summary>
/// SHA-256 in portable managed code: the fallback when the native library is absent or
/// SHARPNODE_SHA256=managed. Callers (<see cref="Sha256"/>) have checked the lengths.
/// </summary>
internal static class Sha256Managed
{
    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    [SkipLocalsInit]
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        Span<uint> w = stackalloc uint[64];
        ReadOnlySpan<uint> k = K;
        while (blocks.Length >= 64)
        {
            for (int i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(blocks[(i * 4)..]);
            for (int i = 16; i < 64; i++)
            {
                uint s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
                uint s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
            for (int i = 0; i < 64; i++)
            {
                uint t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                          + ((e & f) ^ (~e & g)) + k[i] + w[i];
                uint t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                          + ((a & b) ^ (a & c) ^ (b & c));
                h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
            }
            state[0] += a; state[1] += b; state[2] += c; state[3] += d;
            state[4] += e; state[5] += f; state[6] += g; state[7] += h;
            blocks = blocks[64..];
        }
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash32)
    {
        Span<uint> state = stackalloc uint[8];
        Absorb(state, data);
        Sha256.WriteDigest(state, hash32);
    }

    public static Hash256 DoubleHash(ReadOnlySpan<byte> data)
    {
        Span<uint> state = stackalloc uint[8];
        Span<byte> digest = stackalloc byte[32];
        Absorb(state, data);
        Sha256.WriteDigest(state, digest);
        Absorb(state, digest);
        Sha256.WriteDigest(state, digest);
        return new Hash256(digest);
    }

    public static void DoubleHashTwo(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> hashA32, Span<byte> hashB32)
    {
        DoubleHash(a).WriteTo(hashA32);
        DoubleHash(b).WriteTo(hashB32);
    }

    public static void DoubleHashSegwitTx(ReadOnlySpan<byte> tx, int witnessOffset, Span<byte> txid32, Span<byte> wtxid32)
    {
        DoubleHashStrippedTx(tx, witnessOffset).WriteTo(txid32);
        DoubleHash(tx).WriteTo(wtxid32);
    }

    /// <summary>
    /// <see cref="Sha256.DoubleHashStrippedTx"/> with no native code at all: the stripped
    /// serialization is copied out whole (onto the stack, or a pooled buffer when large) and hashed.
    /// </summary>
    public static Hash256 DoubleHashStrippedTx(ReadOnlySpan<byte> tx, int witnessOffset)
    {
        const int StackLimit = 1024;
        int length = witnessOffset - 2 + 4;
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> stripped = (rented ?? stackalloc byte[StackLimit])[..length];
        tx[..4].CopyTo(stripped);
        tx[6..witnessOffset].CopyTo(stripped[4..]);
        tx[^4..].CopyTo(stripped[(witnessOffset - 2)..]);
        var hash = DoubleHash(stripped);
        if (rented != null) ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    /// <summary>The fallback of <see cref="Sha256Batch"/>: each job in turn.</summary>
    public static unsafe void DoubleHashBatch(ReadOnlySpan<Sha256Native.Job> jobs)
    {
        foreach (var job in jobs)
        {
            var data = new ReadOnlySpan<byte>(job.Data, (int)job.Length);
            var hash = job.WitnessOffset != 0 ? DoubleHashStrippedTx(data, (int)job.WitnessOffset) : DoubleHash(data);
            hash.WriteTo(new Span<byte>(job.Out, Hash256.Size));
            if (job.Also != null) hash.WriteTo(new Span<byte>(job.Also, Hash256.Size));
        }
    }

    /// <summary>Each input is read whole before its output is written, so output may equal pairs.</summary>
    public static void DoubleHashPairs(ReadOnlySpan<byte> pairs, Span<byte> output)
    {
        for (int i = 0; i < pairs.Length / 64; i++) DoubleHash(pairs.Slice(i * 64, 64)).WriteTo(output.Slice(i * 32, 32));
    }

    /// <summary>Starts from the initial state and absorbs data and its padding.</summary>
    [SkipLocalsInit]
    private static void Absorb(Span<uint> state, ReadOnlySpan<byte> data)
    {
        Sha256.InitialState.CopyTo(state);
        int whole = data.Length & ~63;
        Compress(state, data[..whole]);
        Span<byte> tail = stackalloc byte[128];
        Compress(state, tail[..Sha256.PadFinal(data[whole..], (ulong)data.Length, tail)]);
    }
}
