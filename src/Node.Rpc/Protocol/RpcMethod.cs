using System.Text;
using System.Text.Json;

namespace Node.Rpc.Protocol;

/// <summary>Writes a method's result value (exactly one JSON value) or throws <see cref="RpcException"/>.</summary>
public delegate void RpcHandler(RpcCall call, Utf8JsonWriter result);

/// <summary>An entry of the method table: what <c>help</c> shows and what the dispatcher calls.</summary>
public sealed record RpcMethod(string Name, string Category, string Description, IReadOnlyList<RpcParam> Params, string ResultHelp, RpcHandler Handler)
{
    public int RequiredCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Params.Count; i++) if (!Params[i].Optional) n = i + 1;
            return n;
        }
    }

    /// <summary>Core's one-line signature: <c>getblock "blockhash" ( verbosity )</c>.</summary>
    public string Signature
    {
        get
        {
            var sb = new StringBuilder(Name);
            bool openedOptional = false;
            foreach (var p in Params)
            {
                if (p.Optional && !openedOptional)
                {
                    sb.Append(" (");
                    openedOptional = true;
                }
                sb.Append(' ').Append(p.Type == RpcParamType.String ? $"\"{p.Name}\"" : p.Name);
            }
            if (openedOptional) sb.Append(" )");
            return sb.ToString();
        }
    }

    /// <summary>The full help text in Core's layout: signature, description, arguments, result.</summary>
    public string HelpText
    {
        get
        {
            var sb = new StringBuilder(Signature).Append("\n\n").Append(Description).Append('\n');
            if (Params.Count > 0)
            {
                sb.Append("\nArguments:\n");
                for (int i = 0; i < Params.Count; i++)
                {
                    var p = Params[i];
                    string need = p.Optional ? (p.Default is null ? "optional" : $"optional, default={p.Default}") : "required";
                    sb.Append(i + 1).Append(". ").Append(p.Name).Append("    (").Append(p.TypeName).Append(", ").Append(need).Append(") ").Append(p.Description).Append('\n');
                }
            }
            sb.Append("\nResult:\n").Append(ResultHelp).Append('\n');
            return sb.ToString();
        }
    }
}
