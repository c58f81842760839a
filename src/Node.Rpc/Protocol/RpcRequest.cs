using System.Text.Json;

namespace Node.Rpc.Protocol;

/// <summary>
/// One parsed request object (Core's JSONRPCRequest::parse). The id is read first so that later
/// failures still echo it; a request without "id" replies without one, and under 2.0 it is a
/// notification that gets no reply at all.
/// </summary>
internal sealed class RpcRequest
{
    public bool HasId { get; private set; } = true;

    /// <summary>The request's id; default (Undefined) writes as JSON null.</summary>
    public JsonElement Id { get; private set; }

    public JsonRpcVersion Version { get; private set; } = JsonRpcVersion.V1Legacy;

    public string Method { get; private set; } = "";

    public JsonElement Params { get; private set; }

    public bool IsNotification => !HasId && Version == JsonRpcVersion.V2;

    public void Parse(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object) throw new RpcException(RpcErrorCode.InvalidRequest, "Invalid Request object");

        HasId = request.TryGetProperty("id", out var id);
        Id = HasId ? id.Clone() : default; // outlives the document: errors are written after it is disposed

        if (request.TryGetProperty("jsonrpc", out var version) && version.ValueKind != JsonValueKind.Null)
        {
            if (version.ValueKind != JsonValueKind.String) throw new RpcException(RpcErrorCode.InvalidRequest, "jsonrpc field must be a string");
            Version = version.GetString() switch
            {
                "1.0" => JsonRpcVersion.V1Legacy,
                "2.0" => JsonRpcVersion.V2,
                _ => throw new RpcException(RpcErrorCode.InvalidRequest, "JSON-RPC version not supported"),
            };
        }

        if (!request.TryGetProperty("method", out var method) || method.ValueKind == JsonValueKind.Null)
            throw new RpcException(RpcErrorCode.InvalidRequest, "Missing method");
        if (method.ValueKind != JsonValueKind.String) throw new RpcException(RpcErrorCode.InvalidRequest, "Method must be a string");
        Method = method.GetString()!;

        if (!request.TryGetProperty("params", out var parameters) || parameters.ValueKind == JsonValueKind.Null) Params = default;
        else if (parameters.ValueKind is JsonValueKind.Array or JsonValueKind.Object) Params = parameters;
        else throw new RpcException(RpcErrorCode.InvalidRequest, "Params must be an array or object");
    }
}
