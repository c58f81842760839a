namespace Node.Options;

/// <summary>
/// Reads a bitcoin.conf-style file into a <see cref="SettingsStore"/>, with Bitcoin Core's rules
/// (common/config.cpp): <c>name=value</c> lines, <c>#</c> starts a comment, <c>[section]</c> or a
/// <c>section.name=</c> prefix scopes a line to one network, <c>noname=1</c> negates. Unknown
/// names are skipped with a warning as bitcoind does, so one file can serve several programs and
/// versions; a known name with a bad value is an error.
/// </summary>
internal static class ConfigFileReader
{
    public static void Read(string path, string displayName, SettingsStore store, List<string> warnings)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OptionsException(OptionsErrorCode.ConfigFileUnreadable, $"could not read \"{path}\": {e.Message}");
        }
        string prefix = "";
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i];
            int hash = line.IndexOf('#');
            bool usedHash = hash >= 0;
            if (usedHash) line = line[..hash];
            line = line.Trim(' ', '\t', '\r', '\n');
            if (line.Length == 0) continue;

            if (line[0] == '[' && line[^1] == ']')
            {
                string section = line[1..^1];
                store.ConfigSections.Add((section, displayName, lineNumber));
                prefix = section + ".";
            }
            else if (line[0] == '-')
            {
                throw Syntax($"parse error on line {lineNumber}: {line}, options in configuration file must be specified without leading -");
            }
            else if (line.IndexOf('=') is int eq and >= 0)
            {
                string name = prefix + line[..eq].Trim(' ', '\t', '\r', '\n');
                string value = line[(eq + 1)..].Trim(' ', '\t', '\r', '\n');
                if (usedHash && name.Contains("rpcpassword", StringComparison.Ordinal))
                    throw Syntax($"parse error on line {lineNumber}, using # in rpcpassword can be ambiguous and should be avoided");
                int dot = name.LastIndexOf('.');
                if (dot >= 0 && prefix.Length <= dot) store.ConfigSections.Add((name[..dot], displayName, lineNumber));
                Store(store, name, value, warnings);
            }
            else
            {
                string message = $"parse error on line {lineNumber}: {line}";
                if (line.StartsWith("no", StringComparison.Ordinal))
                    message += $", if you intended to specify a negated option, use {line}=1 instead";
                throw Syntax(message);
            }
        }
    }

    private static void Store(SettingsStore store, string key, string value, List<string> warnings)
    {
        var (section, name, negated) = OptionValues.InterpretKey(key);
        if (name == "conf")
            throw new OptionsException(OptionsErrorCode.NotAllowedHere,
                "conf cannot be set in the configuration file; use includeconf= if you want to include additional config files");
        var spec = OptionTable.Find(name);
        if (spec is null)
        {
            warnings.Add($"Ignoring unknown configuration value {key}");
            return;
        }
        store.AddConfig(section, name, OptionValues.InterpretValue(spec, negated, value));
    }

    private static OptionsException Syntax(string message) => new(OptionsErrorCode.ConfigFileSyntax, message);
}
