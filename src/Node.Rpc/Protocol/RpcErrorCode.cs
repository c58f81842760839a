namespace Node.Rpc.Protocol;

/// <summary>Bitcoin Core's RPC error codes (src/rpc/protocol.h), the subset this server raises.</summary>
public enum RpcErrorCode
{
    // Standard JSON-RPC 2.0 errors.
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    ParseError = -32700,

    // General application defined errors.
    MiscError = -1,
    TypeError = -3,
    InvalidAddressOrKey = -5,
    OutOfMemory = -7,
    InvalidParameter = -8,
    DatabaseError = -20,
    DeserializationError = -22,
    VerifyError = -25,
    VerifyRejected = -26,
    VerifyAlreadyInChain = -27,
    InWarmup = -28,
    MethodDeprecated = -32,

    // P2P client errors.
    ClientNotConnected = -9,
    ClientInInitialDownload = -10,
    ClientNodeAlreadyAdded = -23,
    ClientNodeNotAdded = -24,
    ClientNodeNotConnected = -29,
    ClientInvalidIpOrSubnet = -30,
    ClientP2PDisabled = -31,
}
