using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>
/// Core's GetChainArg: -chain and the -regtest/-signet/-testnet/-testnet4 shorthands, read from the
/// command line and the config file's top level only; more than one of them is an error, even if
/// they name the same network.
/// </summary>
internal static class ChainSelection
{
    public static ChainParams Select(SettingsStore store)
    {
        bool regtest = Shorthand(store, "regtest");
        bool signet = Shorthand(store, "signet");
        bool testnet = Shorthand(store, "testnet");
        bool testnet4 = Shorthand(store, "testnet4");
        var chain = store.Get("chain", "", ignoreDefaultSection: false);
        int given = (chain is null ? 0 : 1) + (regtest ? 1 : 0) + (signet ? 1 : 0) + (testnet ? 1 : 0) + (testnet4 ? 1 : 0);
        if (given > 1)
        {
            throw new OptionsException(OptionsErrorCode.ChainConflict,
                "Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.");
        }
        if (chain is { } c)
        {
            string name = c.AsString();
            return ChainParams.TryFromName(name, out var p) ? p
                : throw new OptionsException(OptionsErrorCode.UnknownChain,
                    $"Unknown chain {name}. Allowed values: {string.Join(", ", ChainParams.All.Select(x => x.Name))}.");
        }
        if (regtest) return ChainParams.Regtest;
        if (signet) return ChainParams.Signet;
        if (testnet) return ChainParams.Testnet3;
        if (testnet4) return ChainParams.Testnet4;
        return ChainParams.Main;
    }

    private static bool Shorthand(SettingsStore store, string name) =>
        store.Get(name, "", ignoreDefaultSection: false, chainType: true) is { IsNegation: false } v && OptionValues.ParseBool(name, v.Text!);
}
