namespace Node.Rpc.Protocol;

/// <summary>
/// An RPC failure with Core's code and message, turned into the reply's error object. Handlers and
/// backends throw it for every failure Core reports with a code.
/// </summary>
public sealed class RpcException(RpcErrorCode code, string message) : Exception(message)
{
    public RpcErrorCode Code { get; } = code;

    public static RpcException BlockNotFound() => new(RpcErrorCode.InvalidAddressOrKey, "Block not found");

    public static RpcException P2PDisabled() => new(RpcErrorCode.ClientP2PDisabled, "Error: Peer-to-peer functionality missing or disabled");
}
