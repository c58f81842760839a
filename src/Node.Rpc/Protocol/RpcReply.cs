namespace Node.Rpc.Protocol;

/// <summary>The HTTP outcome of one POST: status code and the JSON body (null for 204 No Content).</summary>
public readonly record struct RpcReply(int StatusCode, byte[]? Body);
