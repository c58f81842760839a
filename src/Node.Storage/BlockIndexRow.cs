using Node.Primitives;

namespace Node.Storage;

/// <summary>One block-index entry: the header and what the chain knows about it, plus where its bytes are.</summary>
public readonly record struct BlockIndexRow(
    Hash256 Hash,
    BlockHeader Header,
    int Height,
    BlockStatus Status,
    UInt256 ChainWork,
    BlockLocation Location,
    ulong Checksum)
{
    public bool HasData => (Status & BlockStatus.DataStored) != 0;

    /// <summary>The same row with its block data marked lost (the header stays known).</summary>
    public BlockIndexRow WithoutData() =>
        this with { Status = Status & ~BlockStatus.DataStored, Location = BlockLocation.None, Checksum = 0 };
}

/// <summary>Receives rows streamed out of the index.</summary>
public delegate void BlockIndexRowHandler(in BlockIndexRow row);
