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
    /// Double-hashes two independent messages side by side: on SHA-NI one stream's rounds fill the
    /// other's latency, so the pair costs little more than the longer one alone. The hashes must
    /// not overlap the messages.
    /// </summary>
    public static unsafe void DoubleHashTwo(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> hashA32, Span<byte> hashB32)
    {
        RequireHashRoom(hashA32);
        RequireHashRoom(hashB32);
        RequireApart(a, hashA32, hashB32);
        RequireApart(b, hashA32, hashB32);
        if (!Sha256Native.Available)
        {
            Sha256Managed.DoubleHashTwo(a, b, hashA32, hashB32);
            return;
        }
        fixed (byte* oa = hashA32)
        fixed (byte* ob = hashB32)
            Sha256Native.DoubleHashTwo(a, b, oa, ob);
    }

    /// <summary>
    /// Both ids of a segwit transaction in one pass (its two streams side by side, as in
    /// <see cref="DoubleHashTwo"/>): <paramref name="wtxid32"/> gets the double hash of
    /// <paramref name="tx"/>, its witness serialization, and <paramref name="txid32"/> that of
    /// <see cref="DoubleHashStrippedTx"/>'s message. The hashes must not overlap the transaction.
    /// </summary>
    public static unsafe void DoubleHashSegwitTx(ReadOnlySpan<byte> tx, int witnessOffset, Span<byte> txid32, Span<byte> wtxid32)
    {
        RequireStrippable(tx, witnessOffset);
        RequireHashRoom(txid32);
        RequireHashRoom(wtxid32);
        RequireApart(tx, txid32, wtxid32);
        if (!Sha256Native.Available)
        {
            Sha256Managed.DoubleHashSegwitTx(tx, witnessOffset, txid32, wtxid32);
            return;
        }
        fixed (byte* t = txid32)
        fixed (byte* w = wtxid32)
            Sha256Native.DoubleHashSegwitTx(tx, witnessOffset, t, w);
    }

    /// <summary>
    /// A segwit transaction's txid: the double hash of its serialization without marker, flag and
    /// witness stacks, <c>tx[..4] | tx[6..witnessOffset] | tx[^4..]</c>, hashed from those pieces
    /// in place (<paramref name="witnessOffset"/> is where the first witness stack starts).
    /// </summary>
    public static Hash256 DoubleHashStrippedTx(ReadOnlySpan<byte> tx, int witnessOffset)
    {
        RequireStrippable(tx, witnessOffset);
        var hasher = Sha256Hasher.Create();
        hasher.Append(tx[..4]);
        hasher.Append(tx[6..witnessOffset]);
        hasher.Append(tx[^4..]);
        return hasher.FinishDouble();
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

    private static void RequireApart(ReadOnlySpan<byte> message, Span<byte> hashA32, Span<byte> hashB32)
    {
        if (message.Overlaps(hashA32[..Hash256.Size]) || message.Overlaps(hashB32[..Hash256.Size])
            || hashA32[..Hash256.Size].Overlaps(hashB32[..Hash256.Size]))
            throw new ArgumentException("the hashes must not overlap each other or the messages");
    }

    private static void RequireStrippable(ReadOnlySpan<byte> tx, int witnessOffset)
    {
        if (witnessOffset < 6 || witnessOffset > tx.Length - 4)
            throw new ArgumentOutOfRangeException(nameof(witnessOffset), "the witnesses start after the marker and flag and before the lock time");
    }
}
