using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Node.Rpc.Protocol;

/// <summary>
/// Turns a POST body into the reply exactly as Core's HTTPReq_JSONRPC does: a single legacy request
/// fails with an HTTP error status (400 invalid request, 404 method not found, 500 otherwise); a
/// single 2.0 request gets its error inside HTTP 200, and as a notification (no id) HTTP 204; a
/// batch answers every element independently in HTTP 200, leaving out notifications (204 when
/// nothing is left of a non-empty batch).
/// </summary>
public sealed class RpcDispatcher(RpcContext context)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };
    private volatile string? _warmupStatus;

    /// <summary>
    /// Escapes only what JSON requires (quotes, backslashes, control characters), as Core's UniValue
    /// does, so text such as "(not 'zz')" or "ALL|ANYONECANPAY" goes out as written.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public RpcContext Context { get; } = context;

    /// <summary>While set, every call fails with Core's -28 and this message.</summary>
    public string? WarmupStatus
    {
        get => _warmupStatus;
        set => _warmupStatus = value;
    }

    public RpcReply Process(ReadOnlyMemory<byte> body)
    {
        var request = new RpcRequest();
        try
        {
            using var document = ParseBody(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                request.Parse(root);
                var reply = ExecuteOne(request, catchErrors: request.Version == JsonRpcVersion.V2);
                return request.IsNotification ? new RpcReply(204, null) : new RpcReply(200, Terminate(reply));
            }
            if (root.ValueKind == JsonValueKind.Array) return ProcessBatch(root);
            throw new RpcException(RpcErrorCode.ParseError, "Top-level object parse error");
        }
        catch (RpcException e)
        {
            int status = e.Code switch
            {
                RpcErrorCode.InvalidRequest => 400,
                RpcErrorCode.MethodNotFound => 404,
                _ => 500,
            };
            return new RpcReply(status, Terminate(WriteReply(request, null, e)));
        }
    }

    private static JsonDocument ParseBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            throw new RpcException(RpcErrorCode.ParseError, "Parse error");
        }
    }

    private RpcReply ProcessBatch(JsonElement batch)
    {
        var buffer = new ArrayBufferWriter<byte>();
        int answered = 0;
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var element in batch.EnumerateArray())
            {
                var request = new RpcRequest();
                byte[] reply;
                try
                {
                    request.Parse(element);
                    reply = ExecuteOne(request, catchErrors: true);
                }
                catch (RpcException e)
                {
                    reply = WriteReply(request, null, e);
                }
                if (request.IsNotification) continue;
                writer.WriteRawValue(reply, skipInputValidation: true);
                answered++;
            }
            writer.WriteEndArray();
        }
        if (answered == 0 && batch.GetArrayLength() > 0) return new RpcReply(204, null);
        return new RpcReply(200, Terminate(buffer.WrittenSpan));
    }

    private byte[] ExecuteOne(RpcRequest request, bool catchErrors)
    {
        byte[] result;
        try
        {
            result = Execute(request);
        }
        catch (RpcException e) when (catchErrors)
        {
            return WriteReply(request, null, e);
        }
        return WriteReply(request, result, null);
    }

    /// <summary>Core's CRPCTable::execute: warmup, lookup, argument mapping and checks, then the handler.</summary>
    private byte[] Execute(RpcRequest request)
    {
        if (_warmupStatus is { } status) throw new RpcException(RpcErrorCode.InWarmup, status);
        if (!Context.Table.TryGet(request.Method, out var method)) throw new RpcException(RpcErrorCode.MethodNotFound, "Method not found");

        var args = RpcArguments.Map(method, request.Params);
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            method.Handler(new RpcCall(method, args, Context), writer);
            writer.Flush();
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Core turns any std::exception escaping a handler into RPC_MISC_ERROR with its text.
            throw new RpcException(RpcErrorCode.MiscError, e.Message);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Core's JSONRPCReplyObj.</summary>
    private static byte[] WriteReply(RpcRequest request, byte[]? result, RpcException? error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            bool legacy = request.Version == JsonRpcVersion.V1Legacy;
            if (!legacy) writer.WriteString("jsonrpc"u8, "2.0"u8);
            if (error is null)
            {
                writer.WritePropertyName("result"u8);
                writer.WriteRawValue(result!, skipInputValidation: true);
                if (legacy) writer.WriteNull("error"u8);
            }
            else
            {
                if (legacy) writer.WriteNull("result"u8);
                writer.WriteStartObject("error"u8);
                writer.WriteNumber("code"u8, (int)error.Code);
                writer.WriteString("message"u8, error.Message);
                writer.WriteEndObject();
            }
            if (request.HasId)
            {
                writer.WritePropertyName("id"u8);
                if (request.Id.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
                else request.Id.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Core ends every JSON reply body with a newline.</summary>
    internal static byte[] Terminate(ReadOnlySpan<byte> json)
    {
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
