using Node.Chain.Index;
using Node.Chain.State;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.State;

/// <summary>ChainState.AcceptHeaders over decoded headers with their hashes, on the real mainnet headers 1..10236.</summary>
public sealed class HeaderBatchTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();
    private readonly ChainStateFixture _oneByOne = new();

    private static (BlockHeader[] Headers, Hash256[] Hashes) Mainnet(int from, int count)
    {
        var headers = new BlockHeader[count];
        var hashes = new Hash256[count];
        for (int i = 0; i < count; i++)
        {
            headers[i] = BlockHeader.Read(TestChains.MainnetRecord(from + i));
            hashes[i] = TestChains.MainnetHash(from + i);
        }
        return (headers, hashes);
    }

    [Fact]
    public void Messages_of_2_000_build_the_same_index_as_one_header_at_a_time()
    {
        var batch = _fixture.Open(ChainParams.Main, new ChainStateOptions());
        var single = _oneByOne.Open(ChainParams.Main, new ChainStateOptions());
        for (int from = 1; from < TestChains.MainnetCount; from += 2_000)
        {
            var (headers, hashes) = Mainnet(from, Math.Min(2_000, TestChains.MainnetCount - from));
            var last = batch.AcceptHeaders(headers, hashes, out int accepted);
            Assert.True(last.IsValid, last.Validation.ToString());
            Assert.Equal(headers.Length, accepted);
            Assert.Equal(from + headers.Length - 1, batch.Index[last.Id].Height);
            for (int i = 0; i < headers.Length; i++) Assert.True(single.AcceptHeader(headers[i], hashes[i]).IsValid);
        }
        Assert.Equal(single.Index.Count, batch.Index.Count);
        for (int id = 0; id < batch.Index.Count; id++)
        {
            Assert.Equal(single.Index[id].Hash, batch.Index[id].Hash);
            Assert.Equal(single.Index[id].ChainWork, batch.Index[id].ChainWork);
            Assert.Equal(single.Index[id].Status, batch.Index[id].Status);
        }
        Assert.Equal(TestChains.MainnetHash(TestChains.MainnetCount - 1), batch.BestHeader);
    }

    [Fact]
    public void A_batch_stops_at_its_first_invalid_header_and_keeps_those_before_it()
    {
        var state = _fixture.Open(ChainParams.Main, new ChainStateOptions());
        var (headers, hashes) = Mainnet(1, 100);
        headers[60] = headers[60] with { Bits = 0x1c00ffff }; // a harder target than the chain requires: the hash misses it
        hashes[60] = headers[60].GetHash();
        var last = state.AcceptHeaders(headers, hashes, out int accepted);
        Assert.Equal(60, accepted);
        Assert.Equal(RuleError.HighHash, last.Validation.Error);
        Assert.Equal(BlockIndex.None, last.Id);
        Assert.Equal(60, state.BestHeaderHeight);
    }

    [Fact]
    public void Known_headers_and_headers_that_do_not_follow_each_other_are_looked_up()
    {
        var state = _fixture.Open(ChainParams.Main, new ChainStateOptions());
        var (first, firstHashes) = Mainnet(1, 50);
        Assert.True(state.AcceptHeaders(first, firstHashes, out _).IsValid);

        // 41..50 are known already; 51..60 follow; then 70 whose parent (69) is unknown.
        var (headers, hashes) = Mainnet(41, 30);
        var mixed = headers[..20].Append(headers[29]).ToArray();
        var mixedHashes = hashes[..20].Append(hashes[29]).ToArray();
        var last = state.AcceptHeaders(mixed, mixedHashes, out int accepted);
        Assert.Equal(20, accepted);
        Assert.Equal(RuleError.PrevBlockUnknown, last.Validation.Error);
        Assert.Equal(60, state.BestHeaderHeight);
    }

    [Fact]
    public void Fewer_hashes_than_headers_is_an_argument_error()
    {
        var state = _fixture.Open(ChainParams.Main, new ChainStateOptions());
        var (headers, hashes) = Mainnet(1, 3);
        Assert.Throws<ArgumentException>(() => state.AcceptHeaders(headers, hashes.AsSpan(0, 2), out _));
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _oneByOne.Dispose();
    }
}
