namespace Node.Storage;

/// <summary>
/// Where a block's bytes live: flat file number, offset of the first block byte (just past
/// the 8-byte magic/length prefix, as in Bitcoin Core's FlatFilePos) and the block's length.
/// </summary>
public readonly record struct BlockLocation(int File, uint Offset, uint Length)
{
    /// <summary>The location of a header-only row: no block data stored.</summary>
    public static BlockLocation None => new(-1, 0, 0);

    /// <summary>Offset one past the block's last byte.</summary>
    public long End => (long)Offset + Length;
}

/// <summary>
/// A block just written to a flat file: its location, the checksum of its bytes, and its
/// <see cref="BlockIndexRow.WireChecksum"/> (the checksum of a message carrying it).
/// </summary>
public readonly record struct StoredBlock(BlockLocation Location, ulong Checksum, uint WireChecksum = 0);
