namespace Node.Rpc.Protocol;

/// <summary>Core's JSONRPCVersion: legacy 1.0/1.1 replies carry both result and error; 2.0 replies carry one and "jsonrpc".</summary>
public enum JsonRpcVersion
{
    V1Legacy,
    V2,
}
