using System.Text;

namespace Node.Rpc.Protocol;

/// <summary>The registry of RPC methods (Core's CRPCTable): lookup by name and the generated <c>help</c>.</summary>
public sealed class RpcMethodTable
{
    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);

    public void Add(RpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!_methods.TryAdd(method.Name, method)) throw new ArgumentException($"RPC method {method.Name} is already registered", nameof(method));
    }

    public bool TryGet(string name, out RpcMethod method) => _methods.TryGetValue(name, out method!);

    /// <summary>
    /// Core's CRPCTable::help: with a name, that method's full help (or "help: unknown command: X");
    /// without, every signature grouped under "== Category ==" headings, sorted by category then name.
    /// </summary>
    public string Help(string? name)
    {
        if (name is not null) return TryGet(name, out var m) ? m.HelpText.TrimEnd('\n') : $"help: unknown command: {name}";

        var sb = new StringBuilder();
        string? category = null;
        foreach (var m in _methods.Values.OrderBy(m => m.Category, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            if (m.Category != category)
            {
                if (category is not null) sb.Append('\n');
                category = m.Category;
                sb.Append("== ").Append(char.ToUpperInvariant(category[0])).Append(category.AsSpan(1)).Append(" ==\n");
            }
            sb.Append(m.Signature).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }
}
