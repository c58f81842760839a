using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>
/// Turns the command line and the config file into <see cref="NodeOptions"/>.
/// <para>
/// Why hand-written: the node speaks bitcoind's syntax so that its users' habits and config files
/// carry over — single-dash <c>-name=value</c>, <c>-noname</c> negation, double negatives,
/// repeatable options where a negation clears earlier values, and config files whose network
/// sections and first-value-wins rule must merge with the command line exactly as Core merges
/// them. System.CommandLine parses POSIX-style <c>--name value</c> and has no notion of the config
/// file, so using it would mean bending it at every one of these points and still writing the
/// merge. A small parser over one option table (<see cref="OptionTable"/>, which also drives
/// <c>-help</c>) is less code and keeps the rules in one place.
/// </para>
/// </summary>
public static class OptionsParser
{
    private const string CommandLineContext = "Error parsing command line arguments: ";
    private const string ConfigContext = "Error reading configuration file: ";

    public static ParseOutcome Parse(IReadOnlyList<string> args) => Parse(args, DataDirectories.Default());

    /// <param name="defaultDataDir">Where the data directory is when <c>-datadir</c> is not given.</param>
    public static ParseOutcome Parse(IReadOnlyList<string> args, string defaultDataDir)
    {
        var store = new SettingsStore();
        try
        {
            RejectNonOptions(args);
            Phase(CommandLineContext, () => ReadCommandLine(args, store));
            if (CommandLineFlag(store, "help") || CommandLineFlag(store, "h") || CommandLineFlag(store, "?"))
                return new ShowHelp(HelpText.Build());
            if (CommandLineFlag(store, "version")) return new ShowVersion(VersionInfo.Line + "\n");

            var warnings = new List<string>();
            string dataDir = ResolveDataDir(store.Get("datadir", "", false)?.Text, defaultDataDir, warnings: null);
            string? configFile = null;
            Phase(ConfigContext, () => configFile = ConfigFiles.Read(store, dataDir, warnings));

            var chain = ChainSelection.Select(store);
            var view = new SettingsView(store, chain.Name);
            // A datadir= line in the config file moves the data directory, as in Core.
            string finalDataDir = ResolveDataDir(view.Text("datadir"), defaultDataDir, warnings);
            CheckNetworkSectionOnly(store, chain);
            foreach (var (name, file, line) in store.ConfigSections)
            {
                if (!ChainParams.TryFromName(name, out _)) warnings.Add($"{file}:{line} Section [{name}] is not recognized.");
            }
            var options = NodeOptionsBuilder.Build(view, chain, finalDataDir, configFile);
            return new RunNode(options, warnings);
        }
        catch (OptionsException e)
        {
            return new ParseFailed(e.Error);
        }
    }

    /// <summary>bitcoind takes no commands or file names: every word must be an option.</summary>
    private static void RejectNonOptions(IReadOnlyList<string> args)
    {
        foreach (string arg in args)
        {
            if (arg.Length < 2 || arg[0] != '-')
            {
                throw new OptionsException(OptionsErrorCode.UnexpectedToken,
                    $"Command line contains unexpected token '{arg}', see sharpnode -h for a list of options.");
            }
        }
    }

    private static void ReadCommandLine(IReadOnlyList<string> args, SettingsStore store)
    {
        foreach (string arg in args)
        {
            string key = arg;
            string? value = null;
            int eq = key.IndexOf('=');
            if (eq >= 0)
            {
                value = key[(eq + 1)..];
                key = key[..eq];
            }
            key = key.StartsWith("--", StringComparison.Ordinal) ? key[2..] : key[1..];
            var (section, name, negated) = OptionValues.InterpretKey(key);
            // Core rejects "-regtest.port=…" on the command line: sections belong to the config file.
            var spec = section.Length == 0 ? OptionTable.Find(name) : null;
            if (spec is null) throw new OptionsException(OptionsErrorCode.InvalidParameter, $"Invalid parameter {arg}");
            store.AddCommandLine(name, OptionValues.InterpretValue(spec, negated, value));
        }
        var includes = store.CommandLine.GetValueOrDefault("includeconf");
        if (includes is not null && !includes[^1].IsNegation)
        {
            throw new OptionsException(OptionsErrorCode.NotAllowedHere,
                $"-includeconf cannot be used from commandline; -includeconf={includes.First(v => !v.IsNegation).Text}");
        }
    }

    private static bool CommandLineFlag(SettingsStore store, string name) =>
        store.CommandLine.GetValueOrDefault(name) is { } values && !values[^1].IsNegation && OptionValues.ParseBool(name, values[^1].Text!);

    private static string ResolveDataDir(string? text, string defaultDataDir, List<string>? warnings)
    {
        if (string.IsNullOrEmpty(text)) return Path.TrimEndingDirectorySeparator(Path.GetFullPath(defaultDataDir));
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text));
        if (!Directory.Exists(full))
            throw new OptionsException(OptionsErrorCode.DataDirMissing, $"Specified data directory \"{text}\" does not exist.");
        if (!Path.IsPathRooted(text))
        {
            warnings?.Add($"relative datadir option '{text}' specified, which will be interpreted relative to the current working directory '{Directory.GetCurrentDirectory()}'");
        }
        return full;
    }

    /// <summary>Core fails start-up when a network-only option sits only at the config's top level off main.</summary>
    private static void CheckNetworkSectionOnly(SettingsStore store, ChainParams chain)
    {
        if (chain.Type == ChainType.Main) return;
        var errors = OptionTable.All
            .Where(o => o.NetworkOnly && store.OnlyInDefaultSection(o.Name, chain.Name))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => $"Config setting for -{o.Name} only applied on {chain.Name} network when in [{chain.Name}] section.")
            .ToList();
        if (errors.Count > 0) throw new OptionsException(OptionsErrorCode.NetworkSectionOnly, string.Join("\n", errors));
    }

    private static void Phase(string context, Action action)
    {
        try
        {
            action();
        }
        catch (OptionsException e) when (e.Error.Code is not (OptionsErrorCode.ChainConflict or OptionsErrorCode.UnknownChain))
        {
            // The network is chosen while includes are read, but its errors are not about the file.
            throw new OptionsException(e.Error.Code, context + e.Error.Message);
        }
    }
}
