using System.Security.Cryptography;
using Node.Primitives.Blocks;
using Node.Primitives.Hashing;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>
/// The interleaved hashes (<see cref="Sha256.DoubleHashTwo"/>, <see cref="Sha256.DoubleHashSegwitTx"/>,
/// <see cref="Sha256Batch"/>) in every kernel against the platform's SHA256, the single-stream calls and NBitcoin: every length
/// up to 2,000 bytes, every pairing of lengths around the padding edges, every real transaction.
/// </summary>
[Collection(nameof(Sha256KernelSwitching))]
public sealed class Sha256TwoStreamTests : IDisposable
{
    public static TheoryData<string> Kernels() => Sha256Kernels.All();

    public void Dispose() => Sha256Kernels.Restore();

    /// <summary>Lengths where the padding changes shape: 55/56 (one or two final blocks), 63/64/65, and so on up to five blocks.</summary>
    private static readonly int[] EdgeLengths =
        Enumerable.Range(0, 6).SelectMany(k => new[] { 64 * k - 9, 64 * k - 8, 64 * k - 7, 64 * k - 1, 64 * k, 64 * k + 1 })
            .Where(n => n >= 0).Distinct().ToArray();

    private static byte[] PlatformDouble(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    private static byte[] StrippedOf(byte[] tx, int witnessOffset) => [.. tx[..4], .. tx[6..witnessOffset], .. tx[^4..]];

    private static (byte[] A, byte[] B) Two(bool native, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        byte[] ha = new byte[32], hb = new byte[32];
        if (native) Sha256.DoubleHashTwo(a, b, ha, hb);
        else Sha256Managed.DoubleHashTwo(a, b, ha, hb);
        return (ha, hb);
    }

    private static (byte[] TxId, byte[] WTxId) Segwit(bool native, ReadOnlySpan<byte> tx, int witnessOffset)
    {
        byte[] txid = new byte[32], wtxid = new byte[32];
        if (native) Sha256.DoubleHashSegwitTx(tx, witnessOffset, txid, wtxid);
        else Sha256Managed.DoubleHashSegwitTx(tx, witnessOffset, txid, wtxid);
        return (txid, wtxid);
    }

    private static void AssertTwo(bool native, byte[] a, byte[] b)
    {
        var (ha, hb) = Two(native, a, b);
        Assert.True(PlatformDouble(a).AsSpan().SequenceEqual(ha), $"first of lengths {a.Length} and {b.Length}");
        Assert.True(PlatformDouble(b).AsSpan().SequenceEqual(hb), $"second of lengths {a.Length} and {b.Length}");
    }

    private static void AssertSegwit(bool native, byte[] tx, int witnessOffset)
    {
        var (txid, wtxid) = Segwit(native, tx, witnessOffset);
        Assert.True(PlatformDouble(StrippedOf(tx, witnessOffset)).AsSpan().SequenceEqual(txid), $"txid, length {tx.Length}, witness at {witnessOffset}");
        Assert.True(PlatformDouble(tx).AsSpan().SequenceEqual(wtxid), $"wtxid, length {tx.Length}, witness at {witnessOffset}");
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Two_messages_of_every_length_to_2000_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var data = new byte[4001];
        var rnd = new Random(21);
        rnd.NextBytes(data);
        for (int length = 0; length <= 2000; length++)
        {
            // The same length (both streams end together), and a random one (either may run on alone).
            AssertTwo(native, data[..length], data[2000..(2000 + length)]);
            AssertTwo(native, data[..length], data[1000..(1000 + rnd.Next(2001))]);
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Two_messages_at_every_pair_of_padding_edges_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var data = new byte[1000];
        new Random(22).NextBytes(data);
        foreach (int a in EdgeLengths)
            foreach (int b in EdgeLengths)
                AssertTwo(native, data[..a], data[500..(500 + b)]);
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Segwit_ids_of_every_stripped_length_to_2000_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var rnd = new Random(23);
        var data = new byte[2400];
        rnd.NextBytes(data);
        // Stripped length s = witnessOffset + 2 (version 4, body, lock time 4; marker and flag left out).
        for (int strippedLength = 8; strippedLength <= 2000; strippedLength++)
        {
            int witnessOffset = strippedLength - 2;
            AssertSegwit(native, data[..(witnessOffset + 4 + rnd.Next(300))], witnessOffset);
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Segwit_ids_at_every_pair_of_padding_edges_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var data = new byte[800];
        new Random(24).NextBytes(data);
        foreach (int strippedLength in EdgeLengths.Where(n => n >= 8))
            foreach (int witnessLength in EdgeLengths)
            {
                int witnessOffset = strippedLength - 2;
                AssertSegwit(native, data[..(witnessOffset + witnessLength + 4)], witnessOffset);
            }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Long_messages_beside_short_ones_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var rnd = new Random(25);
        // Past the 1 KiB where the binding stops skipping the GC transition; one stream runs on alone for long.
        foreach (int length in new[] { 1023, 1024, 1025, 65_536 + 55, 1_000_003 })
        {
            var big = new byte[length];
            rnd.NextBytes(big);
            AssertTwo(native, big, big.AsSpan(0, 100).ToArray());
            AssertTwo(native, big.AsSpan(7, 56).ToArray(), big);
            AssertSegwit(native, big, 6 + length / 3);
            AssertSegwit(native, big, length - 4 - 10);
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Every_real_transaction_gets_NBitcoins_ids_and_the_single_stream_ones(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var all = RealTransactions.Value;
        int segwit = 0;
        for (int i = 0; i < all.Count; i++)
        {
            var tx = all[i];
            var reader = TransactionReader.Read(tx.Raw);
            if (reader.HasWitness)
            {
                segwit++;
                var (txid, wtxid) = Segwit(native, tx.Raw, reader.WitnessOffset);
                Assert.Equal(tx.TxId, new Hash256(txid).ToString());
                Assert.Equal(tx.WTxId, new Hash256(wtxid).ToString());
                if (native) Assert.Equal(reader.ComputeTxId(), new Hash256(txid));
                Assert.Equal(Sha256Managed.DoubleHash(tx.Raw), new Hash256(wtxid));
            }
            // Every transaction beside the next one: all the pairings of lengths a block offers.
            var next = all[(i + 1) % all.Count];
            var (first, second) = Two(native, tx.Raw, next.Raw);
            Assert.Equal(tx.WTxId, new Hash256(first).ToString());
            Assert.Equal(next.WTxId, new Hash256(second).ToString());
            if (native) Assert.Equal(Sha256.DoubleHash(tx.Raw), new Hash256(first));
        }
        Assert.Equal(1341 + 104, segwit);
    }

    /// <summary>
    /// Runs the jobs through <see cref="Sha256Batch"/> (native) or the managed fallback. Each job is
    /// (message, witness offset or 0, also write a copy); returns each job's hash and its copy.
    /// </summary>
    private static unsafe (byte[] Hash, byte[] Copy)[] Batch(bool native, IReadOnlyList<(byte[] Data, int WitnessOffset, bool Copy)> jobs, int batchSize)
    {
        var results = jobs.Select(_ => (Hash: new byte[32], Copy: new byte[32])).ToArray();
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        byte* Pin(byte[] array)
        {
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(array, System.Runtime.InteropServices.GCHandleType.Pinned);
            handles.Add(handle);
            return (byte*)handle.AddrOfPinnedObject();
        }
        try
        {
            var storage = new Sha256Native.Job[batchSize];
            var batch = new Sha256Batch(storage);
            var all = new List<Sha256Native.Job>();
            for (int i = 0; i < jobs.Count; i++)
            {
                var (data, witnessOffset, copy) = jobs[i];
                byte* input = data.Length == 0 ? Pin(new byte[1]) : Pin(data);
                byte* output = Pin(results[i].Hash), also = copy ? Pin(results[i].Copy) : null;
                if (native) batch.Add(input, data.Length, witnessOffset, output, also);
                else all.Add(new Sha256Native.Job { Data = input, Length = (nuint)data.Length, WitnessOffset = (nuint)witnessOffset, Out = output, Also = also });
            }
            if (native) batch.Flush();
            else Sha256Managed.DoubleHashBatch(all.ToArray());
        }
        finally
        {
            foreach (var handle in handles) handle.Free();
        }
        return results;
    }

    private static void AssertBatch(bool native, IReadOnlyList<(byte[] Data, int WitnessOffset, bool Copy)> jobs, int batchSize)
    {
        var results = Batch(native, jobs, batchSize);
        for (int i = 0; i < jobs.Count; i++)
        {
            var (data, witnessOffset, copy) = jobs[i];
            var expected = PlatformDouble(witnessOffset != 0 ? StrippedOf(data, witnessOffset) : data);
            Assert.True(expected.AsSpan().SequenceEqual(results[i].Hash), $"job {i} of {jobs.Count}: length {data.Length}, witness at {witnessOffset}");
            Assert.True((copy ? expected : new byte[32]).AsSpan().SequenceEqual(results[i].Copy), $"copy of job {i}");
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Batches_of_every_size_to_70_with_mixed_jobs_match_the_platform(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var rnd = new Random(26);
        var data = new byte[3000];
        rnd.NextBytes(data);
        // Lengths from nothing to a dozen blocks, so lanes end at every offset from one another and refill.
        (byte[], int, bool) Job()
        {
            int length = rnd.Next(10) == 0 ? EdgeLengths[rnd.Next(EdgeLengths.Length)] : rnd.Next(800);
            var message = data.AsSpan(rnd.Next(2000), length).ToArray();
            int witnessOffset = length >= 10 && rnd.Next(2) == 0 ? 6 + rnd.Next(length - 9) : 0;
            return (message, witnessOffset, rnd.Next(3) == 0);
        }
        for (int count = 0; count <= 70; count++)
        {
            var jobs = Enumerable.Range(0, count).Select(_ => Job()).ToList();
            AssertBatch(native, jobs, batchSize: 64);
            AssertBatch(native, jobs, batchSize: 1 + count % 7);
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void A_batch_of_every_real_transactions_ids_gets_NBitcoins_ids(string kernel)
    {
        bool native = Sha256Kernels.Use(kernel);
        var all = RealTransactions.Value;
        var jobs = new List<(byte[] Data, int WitnessOffset, bool Copy)>();
        var expected = new List<string>();
        foreach (var tx in all)
        {
            var reader = TransactionReader.Read(tx.Raw);
            if (reader.HasWitness)
            {
                jobs.Add((tx.Raw, reader.WitnessOffset, false));
                expected.Add(tx.TxId);
            }
            jobs.Add((tx.Raw, 0, !reader.HasWitness));
            expected.Add(tx.WTxId);
        }
        var results = Batch(native, jobs, batchSize: 64);
        for (int i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(expected[i], new Hash256(results[i].Hash).ToString());
            if (jobs[i].Copy) Assert.Equal(results[i].Hash, results[i].Copy);
        }
    }

    [Fact]
    public void Overlapping_hashes_and_bad_witness_offsets_are_refused()
    {
        var tx = new byte[100];
        var hashes = new byte[64];
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashTwo(tx, tx, tx.AsSpan(0, 32), hashes.AsSpan(32)));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashTwo(tx, tx, hashes.AsSpan(0, 32), hashes.AsSpan(16, 32)));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashTwo(tx, tx, hashes.AsSpan(0, 31), hashes.AsSpan(32)));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashSegwitTx(tx, 50, hashes.AsSpan(0, 32), tx.AsSpan(60, 32)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.DoubleHashSegwitTx(tx, 5, hashes.AsSpan(0, 32), hashes.AsSpan(32)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.DoubleHashSegwitTx(tx, 97, hashes.AsSpan(0, 32), hashes.AsSpan(32)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.DoubleHashStrippedTx(tx, 97));
        Sha256.DoubleHashSegwitTx(tx, 96, hashes.AsSpan(0, 32), hashes.AsSpan(32)); // the witnesses may end at the lock time
        Assert.Equal(PlatformDouble(StrippedOf(tx, 96)), hashes[..32]);
    }

    private sealed record RealTx(byte[] Raw, string TxId, string WTxId);

    /// <summary>Every transaction of every real block, then megatx, with NBitcoin's ids.</summary>
    private static readonly Lazy<List<RealTx>> RealTransactions = new(() =>
    {
        var list = new List<RealTx>();
        foreach (var file in RealBlocks.Files)
            foreach (var raw in RealBlocks.Load(file))
            {
                var oracle = RealBlocks.Oracle(raw);
                Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
                for (int i = 0; reader.TryReadNext(out var tx, out _); i++)
                    list.Add(new RealTx(tx.Raw.ToArray(), oracle.Transactions[i].GetHash().ToString(), oracle.Transactions[i].GetWitHash().ToString()));
            }
        var mega = TestData.Bytes(RealBlocks.MegaTx);
        var megaOracle = NBitcoin.Transaction.Load(mega, NBitcoin.Network.Main);
        list.Add(new RealTx(mega, megaOracle.GetHash().ToString(), megaOracle.GetWitHash().ToString()));
        return list;
    });
}
