namespace Node.Options;

/// <summary>
/// Core's ReadConfigFiles: find the config file (<c>-conf</c>, relative to the data directory,
/// default bitcoin.conf; <c>-noconf</c> for none), read it, then read the files its
/// <c>includeconf=</c> lines name (the selected network's section first, then the top level).
/// Included files cannot include further files.
/// </summary>
internal static class ConfigFiles
{
    /// <returns>The path of the config file read, or null when there was none.</returns>
    public static string? Read(SettingsStore store, string dataDir, List<string> warnings)
    {
        var conf = store.Get("conf", "", ignoreDefaultSection: false);
        if (conf is { IsNegation: true }) return null;
        string name = string.IsNullOrEmpty(conf?.Text) ? NodeOptions.ConfigFileName : conf.Value.Text!;
        string path = Path.GetFullPath(name, dataDir);
        if (Directory.Exists(path)) throw Unreadable($"Config file \"{path}\" is a directory.");
        if (!File.Exists(path))
        {
            // Only a file the user named must exist.
            if (conf is not null) throw Unreadable($"specified config file \"{path}\" could not be opened.");
            return null;
        }
        ConfigFileReader.Read(path, path, store, warnings);
        if (!store.CommandLine.ContainsKey("includeconf")) ReadIncludes(store, dataDir, warnings);
        return path;
    }

    private static void ReadIncludes(SettingsStore store, string dataDir, List<string> warnings)
    {
        string chain = ChainSelection.Select(store).Name;
        int chainCount = store.ConfigValues(chain, "includeconf").Count;
        int topCount = store.ConfigValues("", "includeconf").Count;
        var files = Effective(store.ConfigValues(chain, "includeconf"), 0).Concat(Effective(store.ConfigValues("", "includeconf"), 0)).ToList();
        foreach (string file in files)
        {
            string path = Path.GetFullPath(file, dataDir);
            if (Directory.Exists(path)) throw Unreadable($"Included config file \"{path}\" is a directory.");
            if (!File.Exists(path)) throw Unreadable($"Failed to include configuration file {file}");
            ConfigFileReader.Read(path, file, store, warnings);
        }
        // What the included files tried to include is reported, not read.
        string finalChain = ChainSelection.Select(store).Name;
        var ignored = Effective(store.ConfigValues(chain, "includeconf"), chainCount)
            .Concat(Effective(store.ConfigValues("", "includeconf"), topCount));
        if (finalChain != chain) ignored = ignored.Concat(Effective(store.ConfigValues(finalChain, "includeconf"), 0));
        foreach (string file in ignored)
        {
            warnings.Add($"-includeconf cannot be used from included files; ignoring -includeconf={file}");
        }
    }

    /// <summary>The values from <paramref name="skip"/> on, after the last negation.</summary>
    private static IEnumerable<string> Effective(IReadOnlyList<SettingValue> values, int skip)
    {
        int start = skip;
        for (int i = values.Count; i > 0; i--)
        {
            if (values[i - 1].IsNegation)
            {
                start = Math.Max(start, i);
                break;
            }
        }
        for (int i = start; i < values.Count; i++) yield return values[i].AsString();
    }

    private static OptionsException Unreadable(string message) => new(OptionsErrorCode.ConfigFileUnreadable, message);
}
