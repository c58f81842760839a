using System.Globalization;
using System.Text.Json;
using Node.Primitives;

namespace Node.Rpc.Protocol;

/// <summary>
/// One method invocation: its arguments by position (named arguments already mapped, absent and
/// JSON null both read as null), the node's backends and the method table. Getters raise Core's
/// errors for values of the right JSON type but a bad content.
/// </summary>
public sealed class RpcCall
{
    private readonly JsonElement?[] _args;

    internal RpcCall(RpcMethod method, JsonElement?[] args, RpcContext context)
    {
        Method = method;
        _args = args;
        Context = context;
    }

    public RpcMethod Method { get; }

    public RpcContext Context { get; }

    public int Count => _args.Length;

    public bool IsNull(int i) => i >= _args.Length || _args[i] is null || _args[i]!.Value.ValueKind == JsonValueKind.Null;

    public JsonElement Get(int i) => IsNull(i) ? throw new InvalidOperationException($"argument {i} is null") : _args[i]!.Value;

    public string GetString(int i) => Get(i).GetString()!;

    public string? GetStringOrNull(int i) => IsNull(i) ? null : GetString(i);

    public bool GetBool(int i, bool defaultValue) => IsNull(i) ? defaultValue : Get(i).GetBoolean();

    /// <summary>Core's getInt: a JSON number that is not an integer of the range raises "JSON integer out of range".</summary>
    public long GetInt64(int i, long defaultValue)
    {
        if (IsNull(i)) return defaultValue;
        return Get(i).TryGetInt64(out long v) ? v : throw new RpcException(RpcErrorCode.MiscError, "JSON integer out of range");
    }

    public int GetInt32(int i, int defaultValue)
    {
        long v = GetInt64(i, defaultValue);
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw new RpcException(RpcErrorCode.MiscError, "JSON integer out of range");
    }

    /// <summary>Core's ParseHashV: 64 hex digits in display order, else -8 naming the argument.</summary>
    public Hash256 GetHash(int i) => GetHash(i, Method.Params[i].Name);

    /// <summary><see cref="GetHash(int)"/> naming the argument as Core's method does (e.g. "parameter 1").</summary>
    public Hash256 GetHash(int i, string name)
    {
        string s = GetString(i);
        if (s.Length != 64) throw new RpcException(RpcErrorCode.InvalidParameter, string.Create(CultureInfo.InvariantCulture, $"{name} must be of length 64 (not {s.Length}, for '{s}')"));
        if (!Hash256.TryParse(s, out var hash)) throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be hexadecimal string (not '{s}')");
        return hash;
    }

    internal static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
