using System.Runtime.InteropServices;

namespace Node.Primitives.Hashing;

/// <summary>
/// Binding to libsharpnode_native (native/sha256). Probed once: <see cref="Kind"/> is a static
/// readonly the JIT folds, so the dispatch in <see cref="Sha256"/> costs nothing once tiered up.
/// Callers check lengths; these wrappers trust them.
/// </summary>
internal static unsafe partial class Sha256Native
{
    private const string Library = "sharpnode_native";

    /// <summary>Values of sn_sha256_implementation(); 0 means the library is not in use.</summary>
    internal const int None = 0, Portable = 1, ShaNi = 2;

    /// <summary>
    /// Calls hashing at most this many bytes skip the GC transition: a few blocks take well under
    /// a microsecond, so holding off a GC for them is harmless; longer calls pay the ~10 ns transition.
    /// </summary>
    private const int ShortWork = 1024;

    /// <summary>
    /// SHARPNODE_SHA256=managed keeps the library unloaded; =portable loads it but runs its
    /// portable C kernel even on a CPU with SHA-NI.
    /// </summary>
    internal const string EnvironmentVariable = "SHARPNODE_SHA256";

    internal static readonly int Kind = Probe();

    internal static bool Available => Kind != None;

    private static int Probe()
    {
        var choice = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.Equals(choice, "managed", StringComparison.OrdinalIgnoreCase)) return None;
        try
        {
            return string.Equals(choice, "portable", StringComparison.OrdinalIgnoreCase)
                ? sn_sha256_select(Portable)
                : sn_sha256_implementation();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return None;
        }
    }

    /// <summary>Switches the library's kernel (tests and benchmarks); returns the one now active.</summary>
    internal static int Select(int kind) => sn_sha256_select(kind);

    /// <summary>The kernel the library runs right now.</summary>
    internal static int Active() => sn_sha256_implementation();

    internal static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        fixed (uint* s = state)
        fixed (byte* b = blocks)
        {
            nuint n = (nuint)(blocks.Length / 64);
            if (blocks.Length <= ShortWork) sn_sha256_compress_short(s, b, n);
            else sn_sha256_compress(s, b, n);
        }
    }

    internal static void Hash(ReadOnlySpan<byte> data, byte* out32)
    {
        fixed (byte* d = data)
        {
            if (data.Length <= ShortWork) sn_sha256_short(d, (nuint)data.Length, out32);
            else sn_sha256(d, (nuint)data.Length, out32);
        }
    }

    internal static void DoubleHash(ReadOnlySpan<byte> data, byte* out32)
    {
        fixed (byte* d = data)
        {
            if (data.Length <= ShortWork) sn_sha256d_short(d, (nuint)data.Length, out32);
            else sn_sha256d(d, (nuint)data.Length, out32);
        }
    }

    internal static void DoubleHash64(ReadOnlySpan<byte> pairs, Span<byte> output)
    {
        fixed (byte* i = pairs)
        fixed (byte* o = output)
        {
            nuint n = (nuint)(pairs.Length / 64);
            if (pairs.Length <= ShortWork) sn_sha256d_64_short(i, o, n);
            else sn_sha256d_64(i, o, n);
        }
    }

    internal static void DoubleHashTwo(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, byte* outA, byte* outB)
    {
        fixed (byte* pa = a)
        fixed (byte* pb = b)
        {
            if (a.Length + b.Length <= ShortWork) sn_sha256d_x2_short(pa, (nuint)a.Length, pb, (nuint)b.Length, outA, outB);
            else sn_sha256d_x2(pa, (nuint)a.Length, pb, (nuint)b.Length, outA, outB);
        }
    }

    internal static void DoubleHashSegwitTx(ReadOnlySpan<byte> tx, int witnessOffset, byte* txid, byte* wtxid)
    {
        fixed (byte* t = tx)
        {
            // Both streams together hash about twice the transaction.
            if (tx.Length <= ShortWork / 2) sn_sha256d_segwit_tx_short(t, (nuint)tx.Length, (nuint)witnessOffset, txid, wtxid);
            else sn_sha256d_segwit_tx(t, (nuint)tx.Length, (nuint)witnessOffset, txid, wtxid);
        }
    }

    /// <summary>sn_sha256d_job: one double hash of a batch (see <see cref="Sha256Batch"/>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Job
    {
        public byte* Data;
        public nuint Length;
        /// <summary>Not 0: hash the segwit transaction at <see cref="Data"/> stripped of its witnesses.</summary>
        public nuint WitnessOffset;
        public byte* Out;
        /// <summary>A second place for the hash, or null.</summary>
        public byte* Also;
    }

    /// <summary>A batch is many transactions' worth of hashing: the GC transition is noise beside it.</summary>
    internal static void DoubleHashBatch(Job* jobs, int count) => sn_sha256d_batch(jobs, (nuint)count);

    [LibraryImport(Library)]
    private static partial void sn_sha256d_batch(Job* jobs, nuint n);

    [LibraryImport(Library, EntryPoint = "sn_sha256_compress"), SuppressGCTransition]
    private static partial void sn_sha256_compress_short(uint* state, byte* blocks, nuint nblocks);

    [LibraryImport(Library)]
    private static partial void sn_sha256_compress(uint* state, byte* blocks, nuint nblocks);

    [LibraryImport(Library, EntryPoint = "sn_sha256"), SuppressGCTransition]
    private static partial void sn_sha256_short(byte* data, nuint len, byte* out32);

    [LibraryImport(Library)]
    private static partial void sn_sha256(byte* data, nuint len, byte* out32);

    [LibraryImport(Library, EntryPoint = "sn_sha256d"), SuppressGCTransition]
    private static partial void sn_sha256d_short(byte* data, nuint len, byte* out32);

    [LibraryImport(Library)]
    private static partial void sn_sha256d(byte* data, nuint len, byte* out32);

    [LibraryImport(Library, EntryPoint = "sn_sha256d_64"), SuppressGCTransition]
    private static partial void sn_sha256d_64_short(byte* input, byte* output, nuint n);

    [LibraryImport(Library)]
    private static partial void sn_sha256d_64(byte* input, byte* output, nuint n);

    [LibraryImport(Library, EntryPoint = "sn_sha256d_x2"), SuppressGCTransition]
    private static partial void sn_sha256d_x2_short(byte* a, nuint alen, byte* b, nuint blen, byte* outA, byte* outB);

    [LibraryImport(Library)]
    private static partial void sn_sha256d_x2(byte* a, nuint alen, byte* b, nuint blen, byte* outA, byte* outB);

    [LibraryImport(Library, EntryPoint = "sn_sha256d_segwit_tx"), SuppressGCTransition]
    private static partial void sn_sha256d_segwit_tx_short(byte* tx, nuint len, nuint witnessOffset, byte* txid, byte* wtxid);

    [LibraryImport(Library)]
    private static partial void sn_sha256d_segwit_tx(byte* tx, nuint len, nuint witnessOffset, byte* txid, byte* wtxid);

    // The probe's call loads the library, so these two keep the normal transition.
    [LibraryImport(Library)]
    private static partial int sn_sha256_implementation();

    [LibraryImport(Library)]
    private static partial int sn_sha256_select(int implementation);
}
