namespace Node.Storage;

/// <summary>Why a stored block could not be read, or why the store itself is inconsistent.</summary>
public enum StorageError
{
    None = 0,
    /// <summary>No index row for the hash, or the row is a header without block data.</summary>
    BlockNotFound,
    /// <summary>The flat file an index row points into does not exist.</summary>
    FileMissing,
    /// <summary>The flat file ends before the record an index row points to.</summary>
    Truncated,
    /// <summary>The four bytes before the record's length are not this network's magic.</summary>
    BadRecordMagic,
    /// <summary>The record's length prefix differs from the length in the index row.</summary>
    LengthMismatch,
    /// <summary>The block bytes do not hash to the checksum recorded in the index row (or that row's wire checksum was damaged: the two are sealed together).</summary>
    ChecksumMismatch,
    /// <summary>The caller's buffer is smaller than the block.</summary>
    DestinationTooSmall,
    /// <summary>An index or chain-state value has the wrong size or an unknown encoding version.</summary>
    BadIndexRow,
    /// <summary>The store was written by an unknown format version.</summary>
    UnsupportedFormatVersion,
    /// <summary>The store holds another network's blocks (its magic differs).</summary>
    WrongNetwork,
}
