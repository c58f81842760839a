using Node.Primitives;
using Node.Sync.Inventory;

namespace Node.Sync.Tests.Inventory;

/// <summary>A bounded set that forgets the oldest hash first, checked against a plain model on real block hashes.</summary>
public class KnownInventoryTests
{
    private static readonly Hash256[] Hashes = Enumerable.Range(0, MainnetHeaders.Count).Select(MainnetHeaders.Hash).ToArray();

    [Fact]
    public void Adds_once_and_forgets_the_oldest_when_full()
    {
        var known = new KnownInventory(1000);
        for (int i = 0; i < 1500; i++) Assert.True(known.Add(Hashes[i]));
        Assert.False(known.Add(Hashes[1499]));
        Assert.Equal(1000, known.Count);
        for (int i = 0; i < 500; i++) Assert.False(known.Contains(Hashes[i]));
        for (int i = 500; i < 1500; i++) Assert.True(known.Contains(Hashes[i]));
        for (int i = 1500; i < 3000; i++) Assert.False(known.Contains(Hashes[i]));

        known.Clear();
        Assert.Equal(0, known.Count);
        Assert.False(known.Contains(Hashes[1499]));
        Assert.True(known.Add(Hashes[1499]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(257, 3)]
    [InlineData(4096, 4)]
    public void Matches_a_fifo_set_model_under_random_adds(int capacity, int seed)
    {
        var known = new KnownInventory(capacity);
        var model = new HashSet<Hash256>();
        var order = new Queue<Hash256>();
        var random = new Random(seed);
        for (int step = 0; step < 40_000; step++)
        {
            // Draw from a pool a little larger than the capacity so repeats and evictions both happen.
            var hash = Hashes[random.Next(Math.Min(Hashes.Length, capacity * 2 + 3))];
            bool added = model.Add(hash);
            if (added)
            {
                order.Enqueue(hash);
                if (order.Count > capacity) model.Remove(order.Dequeue());
            }
            Assert.Equal(added, known.Add(hash));
            var probe = Hashes[random.Next(Hashes.Length)];
            Assert.Equal(model.Contains(probe), known.Contains(probe));
        }
        Assert.Equal(model.Count, known.Count);
        foreach (var hash in model) Assert.True(known.Contains(hash));
    }

    [Fact]
    public void Core_sized_set_holds_50000_and_allocates_nothing_per_add()
    {
        var known = new KnownInventory(50_000);
        Span<byte> bytes = stackalloc byte[32];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 0; i < 120_000; i++)
        {
            BitConverter.TryWriteBytes(bytes, i * 0x9E3779B97F4A7C15 + 1);
            BitConverter.TryWriteBytes(bytes[8..], i);
            var hash = new Hash256(bytes);
            known.Add(hash);
            if (!known.Contains(hash)) Assert.Fail("just added");
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(50_000, known.Count);
    }

    [Fact]
    public void Hashes_sharing_the_low_64_bits_are_one_entry()
    {
        Span<byte> bytes = stackalloc byte[32];
        Hashes[5].WriteTo(bytes);
        bytes[31] ^= 0xff;
        var twin = new Hash256(bytes);
        var known = new KnownInventory(10);
        Assert.True(known.Add(Hashes[5]));
        Assert.True(known.Contains(twin));
        Assert.False(known.Add(twin));
    }
}
