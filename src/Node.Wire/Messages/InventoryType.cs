namespace Node.Wire;

/// <summary>
/// Inventory types (Core's GetDataMsg). Values outside this list are carried through unchanged:
/// Core logs and skips unknown types rather than rejecting the message.
/// </summary>
public enum InventoryType : uint
{
    Error = 0,
    Tx = 1,
    Block = 2,
    /// <summary>BIP37 merkle block.</summary>
    FilteredBlock = 3,
    /// <summary>BIP152 compact block.</summary>
    CompactBlock = 4,
    /// <summary>BIP339 transaction by wtxid.</summary>
    Wtx = 5,
    WitnessTx = WitnessFlag | Tx,
    WitnessBlock = WitnessFlag | Block,
    FilteredWitnessBlock = WitnessFlag | FilteredBlock,

    /// <summary>MSG_WITNESS_FLAG (BIP144): ask for the witness serialization.</summary>
    WitnessFlag = 1u << 30,
}
