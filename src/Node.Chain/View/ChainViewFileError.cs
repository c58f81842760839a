namespace Node.Chain.View;

/// <summary>Why a chainview file was not usable as stored, so the view was rebuilt.</summary>
public enum ChainViewFileError
{
    None,
    /// <summary>The file is shorter than its header.</summary>
    TooShort,
    BadMagic,
    UnsupportedVersion,
    /// <summary>The recorded count needs more bytes than the file holds.</summary>
    Truncated,
    /// <summary>A stored hash is not in the block index.</summary>
    UnknownHash,
    /// <summary>A stored hash belongs to an entry at another height.</summary>
    HeightMismatch,
    /// <summary>A stored hash's parent is not the hash stored one height below.</summary>
    ParentMismatch,
}

/// <summary>How <see cref="ChainView.Open"/> obtained the view.</summary>
public enum ChainViewOpenResult
{
    /// <summary>The file matched the index and was used as is.</summary>
    Loaded,
    /// <summary>No file (or an empty one): the view was built from the fallback tip.</summary>
    Created,
    /// <summary>The file did not match the index (see <see cref="ChainView.RebuildReason"/>); rebuilt from the fallback tip.</summary>
    Rebuilt,
}
