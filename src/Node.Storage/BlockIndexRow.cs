using Node.Primitives;

namespace Node.Storage;

/// <summary>
/// One block-index entry: the header and what the chain knows about it, plus where its bytes are.
/// <see cref="Checksum"/> is the XxHash3-64 of the stored bytes, verified on every read.
/// <see cref="WireChecksum"/> is the v1 message checksum of the same bytes (the first 4 bytes of
/// their SHA-256d, as u32 LE), so a block message carrying them is framed without hashing; 0 when
/// not known (rows written before it was kept): then a read that asks for it computes it.
/// </summary>
public readonly record struct BlockIndexRow(
    Hash256 Hash,
    BlockHeader Header,
    int Height,
    BlockStatus Status,
    UInt256 ChainWork,
    BlockLocation Location,
    ulong Checksum,
    uint WireChecksum = 0)
{
    public bool HasData => (Status & BlockStatus.DataStored) != 0;

    /// <summary>The same row with its block data marked lost (the header stays known).</summary>
    public BlockIndexRow WithoutData() =>
        this with { Status = Status & ~BlockStatus.DataStored, Location = BlockLocation.None, Checksum = 0, WireChecksum = 0 };
}

/// <summary>Receives rows streamed out of the index.</summary>
public delegate void BlockIndexRowHandler(in BlockIndexRow row);
