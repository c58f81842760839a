using System.Buffers.Binary;
using System.Numerics;
using Node.Primitives.Hashing;

namespace Node.Rpc.Codec.Scripts;

/// <summary>
/// RIPEMD-160 (the .NET runtime offers none on Linux) and Core's Hash160, RIPEMD-160 of SHA-256:
/// what P2PKH, P2SH and P2WPKH addresses commit to.
/// </summary>
internal static class Ripemd160
{
    public const int Size = 20;

    private static readonly int[] LeftWord =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
        3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
        4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
    ];

    private static readonly int[] RightWord =
    [
        5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
        15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
        12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
    ];

    private static readonly int[] LeftShift =
    [
        11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
        11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
        9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
    ];

    private static readonly int[] RightShift =
    [
        8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
        9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
        8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
    ];

    private static readonly uint[] LeftConstant = [0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
    private static readonly uint[] RightConstant = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000];

    /// <summary>RIPEMD-160(SHA-256(<paramref name="data"/>)).</summary>
    public static byte[] Hash160(ReadOnlySpan<byte> data)
    {
        Span<byte> sha = stackalloc byte[32];
        Sha256.Hash(data, sha);
        return Hash(sha);
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        Span<uint> state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
        int full = data.Length / 64 * 64;
        for (int i = 0; i < full; i += 64) Compress(state, data.Slice(i, 64));

        // The tail, 0x80, zeros, then the bit length in little-endian: one or two more blocks.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        int rest = data.Length - full;
        data[full..].CopyTo(tail);
        tail[rest] = 0x80;
        int tailLength = rest < 56 ? 64 : 128;
        BinaryPrimitives.WriteUInt64LittleEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        for (int i = 0; i < tailLength; i += 64) Compress(state, tail.Slice(i, 64));

        var digest = new byte[Size];
        for (int i = 0; i < 5; i++) BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4 * i), state[i]);
        return digest;
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> x = stackalloc uint[16];
        for (int i = 0; i < 16; i++) x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);

        uint al = state[0], bl = state[1], cl = state[2], dl = state[3], el = state[4];
        uint ar = al, br = bl, cr = cl, dr = dl, er = el;
        for (int j = 0; j < 80; j++)
        {
            int round = j / 16;
            uint t = BitOperations.RotateLeft(al + F(round, bl, cl, dl) + x[LeftWord[j]] + LeftConstant[round], LeftShift[j]) + el;
            al = el; el = dl; dl = BitOperations.RotateLeft(cl, 10); cl = bl; bl = t;
            t = BitOperations.RotateLeft(ar + F(4 - round, br, cr, dr) + x[RightWord[j]] + RightConstant[round], RightShift[j]) + er;
            ar = er; er = dr; dr = BitOperations.RotateLeft(cr, 10); cr = br; br = t;
        }
        uint next = state[1] + cl + dr;
        state[1] = state[2] + dl + er;
        state[2] = state[3] + el + ar;
        state[3] = state[4] + al + br;
        state[4] = state[0] + bl + cr;
        state[0] = next;
    }

    private static uint F(int round, uint x, uint y, uint z) => round switch
    {
        0 => x ^ y ^ z,
        1 => (x & y) | (~x & z),
        2 => (x | ~y) ^ z,
        3 => (x & z) | (y & ~z),
        _ => x ^ (y | ~z),
    };
}
