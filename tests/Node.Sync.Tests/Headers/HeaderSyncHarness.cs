using Node.Chain.Index;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Headers;

namespace Node.Sync.Tests.Headers;

/// <summary>Header sync over a real block index: batches that pass are accepted into the index, as the sync core will do.</summary>
internal sealed class HeaderSyncHarness
{
    public const ulong FullNode = ServiceFlags.Network | ServiceFlags.Witness;

    public HeaderSyncHarness(ChainParams chainParams, BlockIndex index, UInt256 minimumChainWork = default)
    {
        Index = index;
        State = new HeaderSyncState(chainParams, index, minimumChainWork, Clock);
    }

    public BlockIndex Index { get; }
    public HeaderSyncState State { get; }
    public ManualClock Clock { get; } = new();

    public static HeaderSyncHarness MainnetFromGenesis(UInt256 minimumChainWork = default, ChainParams? chainParams = null)
    {
        var index = new BlockIndex();
        index.Add(MainnetHeaders.Header(0), MainnetHeaders.Hash(0));
        return new HeaderSyncHarness(chainParams ?? ChainParams.Main, index, minimumChainWork);
    }

    public static BlockHeader[] Mainnet(int fromHeight, int count) =>
        Enumerable.Range(fromHeight, count).Select(MainnetHeaders.Header).ToArray();

    /// <summary>Sends getheaders from our best header, delivers <paramref name="headers"/>, and accepts them if they pass.</summary>
    public HeaderBatchResult Exchange(int peer, ReadOnlySpan<BlockHeader> headers, bool requested = true)
    {
        if (requested) State.OnGetHeadersSent(peer, Index[Index.BestHeader].Hash);
        var hashes = new Hash256[headers.Length];
        for (int i = 0; i < headers.Length; i++) hashes[i] = headers[i].GetHash();
        var result = State.OnHeaders(peer, headers, hashes);
        if (result.Action is not (HeaderSyncAction.Disconnect or HeaderSyncAction.DoesNotConnect))
            for (int i = 0; i < headers.Length; i++) Index.Add(headers[i], hashes[i]);
        return result;
    }
}
