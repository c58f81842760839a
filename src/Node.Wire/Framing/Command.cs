namespace Node.Wire;

/// <summary>The messages this node has codecs for. Anything else frames as <see cref="Unknown"/>.</summary>
public enum Command : byte
{
    Unknown = 0,
    Version,
    Verack,
    Ping,
    Pong,
    GetHeaders,
    GetBlocks,
    Headers,
    Inv,
    GetData,
    NotFound,
    Block,
    Tx,
    Reject,
    SendHeaders,
    FeeFilter,
    Addr,
    AddrV2,
    SendAddrV2,
    GetAddr,
    WtxidRelay,
    SendCmpct,
    MemPool,
}
