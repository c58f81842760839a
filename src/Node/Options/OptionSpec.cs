namespace Node.Options;

/// <summary>How an option's value is read.</summary>
public enum OptionKind
{
    /// <summary>A boolean: <c>-name</c>, <c>-name=1</c>, <c>-name=0</c>, <c>-noname</c>.</summary>
    Flag,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>One text value; on the command line the last one wins, in the config file the first.</summary>
    Text,
    /// <summary>Repeatable: every value counts; a negation clears what came before it.</summary>
    List,
}

/// <summary>The groups of <c>-help</c>, in Bitcoin Core's order.</summary>
public enum OptionGroup
{
    General,
    Connection,
    Debugging,
    ChainSelection,
    Rpc,
}

/// <summary>One row of the option table: everything parsing and <c>-help</c> need to know.</summary>
/// <param name="Name">Without the leading dash.</param>
/// <param name="ValueHint">Shown in help after the name, e.g. <c>=&lt;port&gt;</c>.</param>
/// <param name="Default">Shown in help as "(default: …)"; null when the help text says it.</param>
/// <param name="NetworkOnly">
/// Core's NETWORK_ONLY: on a network other than main, a value at the top level of the config file
/// is not applied; it must be in the network's section (or on the command line).
/// </param>
/// <param name="Negatable">False for options whose <c>-noname</c> has no meaning (Core's DISALLOW_NEGATION).</param>
/// <param name="Hidden">Parsed but not listed in help (the <c>-h</c> and <c>-?</c> aliases).</param>
public sealed record OptionSpec(
    string Name,
    OptionKind Kind,
    OptionGroup Group,
    string Help,
    string? ValueHint = null,
    string? Default = null,
    bool NetworkOnly = false,
    bool Negatable = true,
    bool Hidden = false)
{
    public bool Repeatable => Kind == OptionKind.List;
}
