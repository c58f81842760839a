namespace Node.Primitives.Transactions;

/// <summary>Why a serialized transaction or block was rejected by the decoder.</summary>
public enum TxDecodeError
{
    None = 0,

    /// <summary>The data ends before the structure does (also a count that cannot fit in the bytes left).</summary>
    Truncated,

    /// <summary>A CompactSize used more bytes than its value needs.</summary>
    NonCanonicalCompactSize,

    /// <summary>A count or length above Bitcoin Core's MAX_SIZE (0x02000000).</summary>
    CountTooLarge,

    /// <summary>The witness flag is set but every witness stack is empty (Core: "Superfluous witness record").</summary>
    SuperfluousWitnessRecord,

    /// <summary>The flag byte after the segwit marker has bits other than 1 (Core: "Unknown transaction optional data").</summary>
    UnknownOptionalData,

    /// <summary>Bytes remain after the transaction or block that was expected to fill the buffer.</summary>
    TrailingBytes,
}
