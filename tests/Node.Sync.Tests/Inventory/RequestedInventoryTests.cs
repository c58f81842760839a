using Node.Primitives;
using Node.Sync.Inventory;

namespace Node.Sync.Tests.Inventory;

/// <summary>Bounded requests: oldest forgotten first, per-peer cleanup, checked against a plain model.</summary>
public class RequestedInventoryTests
{
    private static readonly Hash256[] Hashes = Enumerable.Range(0, MainnetHeaders.Count).Select(MainnetHeaders.Hash).ToArray();

    [Fact]
    public void Records_the_peer_once_and_closes_requests()
    {
        var requested = new RequestedInventory(10);
        Assert.True(requested.Add(Hashes[1], peer: 4));
        Assert.False(requested.Add(Hashes[1], peer: 5));
        Assert.True(requested.TryGetPeer(Hashes[1], out int peer));
        Assert.Equal(4, peer);
        Assert.True(requested.Remove(Hashes[1]));
        Assert.False(requested.Remove(Hashes[1]));
        Assert.False(requested.TryGetPeer(Hashes[1], out _));
        Assert.Equal(0, requested.Count);
    }

    [Fact]
    public void When_full_the_oldest_open_request_is_forgotten()
    {
        var requested = new RequestedInventory(4);
        for (int i = 0; i < 4; i++) requested.Add(Hashes[i], peer: i);
        requested.Remove(Hashes[0]);
        requested.Add(Hashes[4], 4);
        Assert.Equal(4, requested.Count);
        requested.Add(Hashes[5], 5);
        Assert.False(requested.Contains(Hashes[1]));
        Assert.All(new[] { 2, 3, 4, 5 }, i => Assert.True(requested.Contains(Hashes[i])));
    }

    [Fact]
    public void A_disconnected_peers_requests_are_all_dropped()
    {
        var requested = new RequestedInventory();
        Assert.Equal(RequestedInventory.DefaultCapacity, requested.Capacity);
        for (int i = 0; i < 3000; i++) requested.Add(Hashes[i], peer: i % 3);
        Assert.Equal(1000, requested.RemovePeer(1));
        Assert.Equal(0, requested.RemovePeer(1));
        Assert.Equal(2000, requested.Count);
        for (int i = 0; i < 3000; i++) Assert.Equal(i % 3 != 1, requested.Contains(Hashes[i]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 2)]
    [InlineData(500, 3)]
    public void Matches_an_ordered_map_model_under_random_operations(int capacity, int seed)
    {
        var requested = new RequestedInventory(capacity);
        var model = new List<(Hash256 Hash, int Peer)>();
        var random = new Random(seed);
        for (int step = 0; step < 30_000; step++)
        {
            var hash = Hashes[random.Next(capacity * 3 + 2)];
            int roll = random.Next(10);
            if (roll < 6)
            {
                int peer = random.Next(5);
                bool fresh = model.FindIndex(e => e.Hash == hash) < 0;
                if (fresh)
                {
                    if (model.Count == capacity) model.RemoveAt(0);
                    model.Add((hash, peer));
                }
                Assert.Equal(fresh, requested.Add(hash, peer));
            }
            else if (roll < 9)
            {
                Assert.Equal(model.RemoveAll(e => e.Hash == hash) == 1, requested.Remove(hash));
            }
            else
            {
                int peer = random.Next(5);
                Assert.Equal(model.RemoveAll(e => e.Peer == peer), requested.RemovePeer(peer));
            }
            Assert.Equal(model.Count, requested.Count);
        }
        foreach (var (hash, peer) in model)
        {
            Assert.True(requested.TryGetPeer(hash, out int got));
            Assert.Equal(peer, got);
        }
    }

    [Fact]
    public void Steady_state_requests_allocate_nothing_even_with_colliding_low_bits()
    {
        var requested = new RequestedInventory(1000);
        Span<byte> bytes = stackalloc byte[32];
        // Made-up hashes that all share their low 64 bits, as a peer's inv could.
        var crafted = new Hash256[5000];
        for (int i = 0; i < crafted.Length; i++)
        {
            bytes.Clear();
            BitConverter.TryWriteBytes(bytes[24..], (ulong)i + 1);
            crafted[i] = new Hash256(bytes);
        }
        foreach (var h in crafted.AsSpan(0, 1000)) requested.Add(h, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < crafted.Length; i++)
        {
            requested.Add(crafted[i], 2);
            requested.Remove(crafted[i - 500]);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        // Only the first add found it full (evicting crafted[0]); crafted[500..4499] were closed.
        Assert.Equal(999, requested.Count);
        for (int i = 0; i < crafted.Length; i++)
            Assert.Equal(i is >= 1 and < 500 or >= 4500, requested.Contains(crafted[i]));
    }
}
