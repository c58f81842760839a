namespace Node.Options;

/// <summary>The merged settings as one network sees them, read by option name.</summary>
internal sealed class SettingsView(SettingsStore store, string network)
{
    public SettingValue? Get(string name) => store.Get(name, network, IgnoresDefaultSection(name));

    public List<string> List(string name) => store.GetList(name, network, IgnoresDefaultSection(name));

    public bool IsNegated(string name) => Get(name) is { IsNegation: true };

    /// <summary>The value as text, a negation reading as "0"; null when unset.</summary>
    public string? Text(string name) => Get(name)?.AsString();

    public bool? Flag(string name) => Get(name) is { } v ? !v.IsNegation && OptionValues.ParseBool(name, v.Text!) : null;

    public bool Flag(string name, bool fallback) => Flag(name) ?? fallback;

    public long? Integer(string name) => Text(name) is { } t ? OptionValues.ParseInteger(name, t) : null;

    /// <summary>Core's UseDefaultSection: off main, a network-only option ignores the config file's top level.</summary>
    private bool IgnoresDefaultSection(string name) =>
        network != "main" && OptionTable.Find(name) is { NetworkOnly: true };
}
