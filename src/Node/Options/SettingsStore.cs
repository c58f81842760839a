namespace Node.Options;

/// <summary>
/// Every occurrence of every option, by source, and Bitcoin Core's rules for merging them
/// (common/settings.cpp): the command line beats the config file's network section, which beats
/// its top level; within the command line the last value wins, within a config file the first;
/// a negation hides the values before it in its source and, for lists, every lower source.
/// </summary>
internal sealed class SettingsStore
{
    private enum Source { CommandLine, ConfigNetworkSection, ConfigDefaultSection }

    public Dictionary<string, List<SettingValue>> CommandLine { get; } = new(StringComparer.Ordinal);

    /// <summary>Config file values by section ("" for the top level) then option name.</summary>
    public Dictionary<string, Dictionary<string, List<SettingValue>>> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>Sections seen in config files, for the "not recognized" warning.</summary>
    public List<(string Name, string File, int Line)> ConfigSections { get; } = [];

    public void AddConfig(string section, string name, SettingValue value)
    {
        if (!Config.TryGetValue(section, out var options)) Config[section] = options = new(StringComparer.Ordinal);
        Add(options, name, value);
    }

    public void AddCommandLine(string name, SettingValue value) => Add(CommandLine, name, value);

    public IReadOnlyList<SettingValue> ConfigValues(string section, string name) =>
        Config.TryGetValue(section, out var options) && options.TryGetValue(name, out var values) ? values : [];

    /// <summary>
    /// The effective single value, or null when unset. <paramref name="ignoreDefaultSection"/> drops
    /// the config file's top level (a network-only option off main); <paramref name="chainType"/>
    /// selects Core's special case for -regtest and friends (last config value wins, negations skipped).
    /// </summary>
    public SettingValue? Get(string name, string section, bool ignoreDefaultSection, bool chainType = false)
    {
        foreach (var (values, source) in Sources(name, section))
        {
            bool lastNegated = values.Count > 0 && values[^1].IsNegation;
            bool fromConfig = source != Source.CommandLine;
            if (ignoreDefaultSection && source == Source.ConfigDefaultSection && !lastNegated) continue;
            if (chainType && lastNegated) continue;
            if (lastNegated) return SettingValue.Negation;
            int start = NegatedPrefix(values);
            if (start < values.Count) return fromConfig && !chainType ? values[start] : values[^1];
        }
        return null;
    }

    /// <summary>The effective values of a repeatable option, Core's GetSettingsList including its quirks.</summary>
    public List<string> GetList(string name, string section, bool ignoreDefaultSection)
    {
        var result = new List<string>();
        bool done = false;
        bool previousNegatedEmpty = false;
        foreach (var (values, source) in Sources(name, section))
        {
            // Core keeps config values "from the dead" after a negation followed by a new value on the command line.
            bool zombie = source != Source.CommandLine && !previousNegatedEmpty;
            if (ignoreDefaultSection && source == Source.ConfigDefaultSection) continue;
            int start = NegatedPrefix(values);
            if (!done || zombie)
            {
                for (int i = start; i < values.Count; i++) result.Add(values[i].AsString());
            }
            done |= start > 0;
            previousNegatedEmpty |= values.Count > 0 && values[^1].IsNegation && result.Count == 0;
        }
        return result;
    }

    /// <summary>True when the only (non-negated) value is at the config file's top level.</summary>
    public bool OnlyInDefaultSection(string name, string section)
    {
        bool inDefault = false, elsewhere = false;
        foreach (var (values, source) in Sources(name, section))
        {
            if (values.Count == 0 || values[^1].IsNegation) continue;
            if (source == Source.ConfigDefaultSection) inDefault = true;
            else elsewhere = true;
        }
        return inDefault && !elsewhere;
    }

    private IEnumerable<(List<SettingValue> Values, Source Source)> Sources(string name, string section)
    {
        if (CommandLine.TryGetValue(name, out var cmd)) yield return (cmd, Source.CommandLine);
        if (section.Length > 0 && Config.TryGetValue(section, out var net) && net.TryGetValue(name, out var netValues))
            yield return (netValues, Source.ConfigNetworkSection);
        if (Config.TryGetValue("", out var top) && top.TryGetValue(name, out var topValues))
            yield return (topValues, Source.ConfigDefaultSection);
    }

    /// <summary>The number of values up to and including the last negation.</summary>
    private static int NegatedPrefix(List<SettingValue> values)
    {
        for (int i = values.Count; i > 0; i--)
        {
            if (values[i - 1].IsNegation) return i;
        }
        return 0;
    }

    private static void Add(Dictionary<string, List<SettingValue>> map, string name, SettingValue value)
    {
        if (!map.TryGetValue(name, out var list)) map[name] = list = [];
        list.Add(value);
    }
}
