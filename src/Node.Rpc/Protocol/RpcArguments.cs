using System.Text;
using System.Text.Json;

namespace Node.Rpc.Protocol;

/// <summary>
/// Maps a request's params onto the method's positions and checks them as Core does: named
/// arguments by name (unknown ones -8), a count outside required..all raises the method's help as
/// RPC_MISC_ERROR, and a value of the wrong JSON type raises -3 "Wrong type passed".
/// </summary>
internal static class RpcArguments
{
    public static JsonElement?[] Map(RpcMethod method, JsonElement parameters)
    {
        var args = parameters.ValueKind switch
        {
            JsonValueKind.Array => Positional(parameters),
            JsonValueKind.Object => Named(method, parameters),
            _ => [],
        };
        if (args.Length < method.RequiredCount || args.Length > method.Params.Count) throw new RpcException(RpcErrorCode.MiscError, method.HelpText);
        CheckTypes(method, args);
        return args;
    }

    private static JsonElement?[] Positional(JsonElement array)
    {
        var args = new JsonElement?[array.GetArrayLength()];
        int i = 0;
        foreach (var value in array.EnumerateArray()) args[i++] = value;
        return args;
    }

    /// <summary>Core's transformNamedArguments: positions by name, trailing nulls trimmed.</summary>
    private static JsonElement?[] Named(RpcMethod method, JsonElement obj)
    {
        var args = new JsonElement?[method.Params.Count];
        int count = 0;
        foreach (var property in obj.EnumerateObject())
        {
            int position = IndexOf(method, property.Name);
            if (position < 0) throw new RpcException(RpcErrorCode.InvalidParameter, $"Unknown named parameter {property.Name}");
            if (args[position] is not null) throw new RpcException(RpcErrorCode.InvalidParameter, $"Parameter {property.Name} specified multiple times");
            args[position] = property.Value;
            if (property.Value.ValueKind != JsonValueKind.Null) count = Math.Max(count, position + 1);
        }
        return args[..count];
    }

    private static int IndexOf(RpcMethod method, string name)
    {
        for (int i = 0; i < method.Params.Count; i++) if (method.Params[i].Name == name) return i;
        return -1;
    }

    private static void CheckTypes(RpcMethod method, JsonElement?[] args)
    {
        StringBuilder? mismatches = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is not { } value || value.ValueKind == JsonValueKind.Null) continue;
            var param = method.Params[i];
            string? expected = Expected(param.Type, value.ValueKind);
            if (expected is null) continue;
            mismatches = mismatches is null ? new StringBuilder("{\n") : mismatches.Append(",\n");
            mismatches.Append($"    \"Position {i + 1} ({param.Name})\": \"JSON value of type {TypeName(value.ValueKind)} is not of expected type {expected}\"");
        }
        if (mismatches is not null) throw new RpcException(RpcErrorCode.TypeError, "Wrong type passed:\n" + mismatches.Append("\n}"));
    }

    /// <summary>The expected UniValue type name when <paramref name="kind"/> does not match, else null.</summary>
    private static string? Expected(RpcParamType type, JsonValueKind kind) => type switch
    {
        RpcParamType.Number => kind == JsonValueKind.Number ? null : "number",
        RpcParamType.String => kind == JsonValueKind.String ? null : "string",
        RpcParamType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? null : "bool",
        RpcParamType.Array => kind == JsonValueKind.Array ? null : "array",
        RpcParamType.Object => kind == JsonValueKind.Object ? null : "object",
        _ => null,
    };

    private static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
