namespace Node.Rpc.Protocol;

/// <summary>The JSON type an argument must have (Core's RPCArg::Type), checked before the handler runs.</summary>
public enum RpcParamType
{
    Number,
    String,
    Bool,
    Array,
    Object,
    /// <summary>Core's skip_type_check: the handler reads the value itself (e.g. getblock's verbosity, a number or a bool).</summary>
    Any,
}

/// <summary>One argument of an RPC method, by position; the name is what named parameters use.</summary>
public sealed record RpcParam(string Name, RpcParamType Type, bool Optional, string Description, string? Default = null)
{
    public static RpcParam Required(string name, RpcParamType type, string description) => new(name, type, false, description);

    public static RpcParam Opt(string name, RpcParamType type, string description, string? defaultValue = null) => new(name, type, true, description, defaultValue);

    internal string TypeName => Type switch
    {
        RpcParamType.Number => "numeric",
        RpcParamType.String => "string",
        RpcParamType.Bool => "boolean",
        RpcParamType.Array => "json array",
        RpcParamType.Object => "json object",
        _ => "numeric or boolean",
    };
}
