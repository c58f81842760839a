using System.Security.Cryptography;
using Node.Primitives.Hashing;

namespace Node.Primitives.Tests;

/// <summary>Switching the native library's kernel is process-wide, so these run alone.</summary>
[CollectionDefinition(nameof(Sha256KernelSwitching), DisableParallelization = true)]
public sealed class Sha256KernelSwitching;

/// <summary>
/// Every SHA-256 implementation (managed, native portable C, native SHA-NI) against the platform's
/// SHA256 through every entry point.
/// </summary>
[Collection(nameof(Sha256KernelSwitching))]
public sealed class Sha256KernelTests : IDisposable
{
    private const string Managed = Sha256Kernels.Managed;

    public static TheoryData<string> Kernels() => Sha256Kernels.All();

    public void Dispose() => Sha256Kernels.Restore();

    private static bool Use(string kernel) => Sha256Kernels.Use(kernel);

    private static void Compress(bool native, Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (native) Sha256Native.Compress(state, blocks);
        else Sha256Managed.Compress(state, blocks);
    }

    private static byte[] Hash(bool native, ReadOnlySpan<byte> data)
    {
        var h = new byte[32];
        if (native) Sha256.Hash(data, h);
        else Sha256Managed.Hash(data, h);
        return h;
    }

    private static byte[] DoubleHash(bool native, ReadOnlySpan<byte> data)
    {
        if (!native) return Sha256Managed.DoubleHash(data).Bytes.ToArray();
        var viaSpan = new byte[32];
        Sha256.DoubleHash(data, viaSpan);
        Assert.Equal(viaSpan, Sha256.DoubleHash(data).Bytes.ToArray());
        return viaSpan;
    }

    /// <summary>SHA-256 built from the bare compression function plus <see cref="Sha256.PadFinal"/>.</summary>
    private static byte[] HashByCompress(bool native, ReadOnlySpan<byte> data)
    {
        Span<uint> state = stackalloc uint[8];
        Sha256.InitialState.CopyTo(state);
        int whole = data.Length & ~63;
        Compress(native, state, data[..whole]);
        Span<byte> tail = stackalloc byte[128];
        Compress(native, state, tail[..Sha256.PadFinal(data[whole..], (ulong)data.Length, tail)]);
        var h = new byte[32];
        Sha256.WriteDigest(state, h);
        return h;
    }

    private static void AssertAllEntryPoints(bool native, byte[] data, string what)
    {
        var expected = SHA256.HashData(data);
        var expectedDouble = SHA256.HashData(expected);
        Assert.True(expected.AsSpan().SequenceEqual(Hash(native, data)), $"hash, {what}");
        Assert.True(expected.AsSpan().SequenceEqual(HashByCompress(native, data)), $"compress, {what}");
        Assert.True(expectedDouble.AsSpan().SequenceEqual(DoubleHash(native, data)), $"double hash, {what}");
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Every_length_0_to_300_matches_the_platform(string kernel)
    {
        bool native = Use(kernel);
        var data = new byte[300];
        new Random(11).NextBytes(data);
        for (int len = 0; len <= data.Length; len++) AssertAllEntryPoints(native, data[..len], $"length {len}");
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Large_random_inputs_match_the_platform(string kernel)
    {
        bool native = Use(kernel);
        var rnd = new Random(12);
        // 1024/1025 straddle the size where the binding stops skipping the GC transition.
        foreach (int len in new[] { 1023, 1024, 1025, 4096 + 55, 65_536, 1_000_003 })
        {
            var data = new byte[len];
            rnd.NextBytes(data);
            AssertAllEntryPoints(native, data, $"length {len}");
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Compress_matches_across_kernels_on_many_blocks(string kernel)
    {
        bool native = Use(kernel);
        var blocks = new byte[64 * 37];
        new Random(13).NextBytes(blocks);
        Span<uint> ours = stackalloc uint[8];
        Span<uint> reference = stackalloc uint[8];
        for (int i = 0; i < 8; i++) ours[i] = reference[i] = (uint)(0x01020304 * (i + 1));
        Compress(native, ours, blocks);
        Sha256Managed.Compress(reference, blocks);
        Assert.True(reference.SequenceEqual(ours));
        Assert.NotEqual(0x01020304u, ours[0]);
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Pairs_match_the_platform_apart_and_in_place(string kernel)
    {
        bool native = Use(kernel);
        var rnd = new Random(14);
        // 17 pairs is 1088 bytes: past the GC-transition threshold; odd counts leave the 2-way kernel a single.
        foreach (int n in new[] { 0, 1, 2, 3, 4, 5, 16, 17, 33, 2048 })
        {
            var pairs = new byte[n * 64];
            rnd.NextBytes(pairs);
            var expected = new byte[n * 32];
            for (int i = 0; i < n; i++) SHA256.HashData(SHA256.HashData(pairs.AsSpan(i * 64, 64))).CopyTo(expected, i * 32);

            var apart = new byte[n * 32];
            var inPlace = pairs.ToArray();
            if (native)
            {
                Sha256.DoubleHashPairs(pairs, apart);
                Sha256.DoubleHashPairs(inPlace, inPlace);
            }
            else
            {
                Sha256Managed.DoubleHashPairs(pairs, apart);
                Sha256Managed.DoubleHashPairs(inPlace, inPlace);
            }
            Assert.True(expected.AsSpan().SequenceEqual(apart), $"{n} pairs apart");
            Assert.True(expected.AsSpan().SequenceEqual(inPlace.AsSpan(0, n * 32)), $"{n} pairs in place");
        }
    }

    [Fact]
    public void The_reported_implementation_is_the_one_this_machine_should_run()
    {
        Assert.Contains(Sha256.Implementation, NativeExpectations.AcceptableImplementations);
        if (Sha256Native.Available) Assert.Equal(Sha256Native.Kind, Sha256Native.Active());
    }

    [Fact]
    public void Selecting_a_kernel_switches_and_falls_back_to_what_the_cpu_has()
    {
        if (!Sha256Native.Available)
        {
            Assert.Equal([Managed], NativeExpectations.AcceptableImplementations);
            return;
        }
        Assert.Equal(Sha256Native.Portable, Sha256Native.Select(Sha256Native.Portable));
        Assert.Equal(Sha256Native.Portable, Sha256Native.Active());
        int best = Sha256Native.Select(Sha256Native.ShaNi);
        if (NativeExpectations.CpuHasShaNi is bool shaNi) Assert.Equal(shaNi ? Sha256Native.ShaNi : Sha256Native.Portable, best);
        Assert.Equal(best, Sha256Native.Select(Sha256Native.None)); // anything else means the best there is
    }
}
