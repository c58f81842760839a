namespace Node.Net;

/// <summary>
/// What the block sync knows about one peer (Core's CNodeStateStats and m_last_block_time): heights are
/// -1 when unknown, <see cref="LastBlockTime"/> is unix seconds, 0 before the peer gave us a new block.
/// </summary>
/// <param name="SyncedHeaders">Height of the best header the peer is known to have (pindexBestKnownBlock).</param>
/// <param name="SyncedBlocks">Height of the last block we and the peer both have (pindexLastCommonBlock).</param>
/// <param name="InFlightHeights">Heights of the blocks requested from the peer, oldest request first.</param>
/// <param name="LastBlockTime">When the peer last sent a block we accepted as new.</param>
public readonly record struct PeerSyncStats(int SyncedHeaders, int SyncedBlocks, int[] InFlightHeights, long LastBlockTime);
