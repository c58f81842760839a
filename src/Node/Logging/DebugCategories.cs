namespace Node.Logging;

/// <summary>The <c>-debug</c> categories: each one lowers the level of one namespace's loggers to Debug.</summary>
[Flags]
public enum DebugCategories
{
    None = 0,
    Net = 1,
    Sync = 2,
    Chain = 4,
    Storage = 8,
    Rpc = 16,
    All = Net | Sync | Chain | Storage | Rpc,
}

/// <summary>Names on the command line and the logger-category namespaces they stand for.</summary>
public static class DebugCategoryNames
{
    public sealed record Entry(DebugCategories Category, string Name, string Namespace);

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new(DebugCategories.Net, "net", "Node.Net"),
        new(DebugCategories.Sync, "sync", "Node.Sync"),
        new(DebugCategories.Chain, "chain", "Node.Chain"),
        new(DebugCategories.Storage, "storage", "Node.Storage"),
        new(DebugCategories.Rpc, "rpc", "Node.Rpc"),
    ];

    /// <summary>Core's rules: empty, <c>1</c> and <c>all</c> mean every category.</summary>
    public static bool TryParse(string name, out DebugCategories category)
    {
        if (name is "" or "1" or "all")
        {
            category = DebugCategories.All;
            return true;
        }
        foreach (var e in Entries)
        {
            if (e.Name == name)
            {
                category = e.Category;
                return true;
            }
        }
        category = DebugCategories.None;
        return false;
    }

    /// <summary>The short name shown in log lines for a logger category, e.g. "net" for Node.Net.Peer.</summary>
    public static string? ShortNameOf(string loggerCategory)
    {
        foreach (var e in Entries)
        {
            if (loggerCategory.StartsWith(e.Namespace, StringComparison.Ordinal)
                && (loggerCategory.Length == e.Namespace.Length || loggerCategory[e.Namespace.Length] == '.'))
                return e.Name;
        }
        return null;
    }

    public static string ListText => string.Join(", ", Entries.Select(e => e.Name));
}
