using System.Globalization;

namespace Node.Demo;

/// <summary>The <c>sharpnode demo</c> flags: <c>-blocks=N</c>, <c>-blocksize=bytes</c>, <c>-peers=K</c>, <c>-keep</c>.</summary>
public sealed record DemoOptions
{
    public const int DefaultBlocks = 400;
    public const int DefaultBlockSize = 1_000_000;

    public int Blocks { get; init; } = DefaultBlocks;
    public int BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Serving nodes the syncing node downloads from.</summary>
    public int Peers { get; init; } = 1;

    /// <summary>Keep the data directories (and print where they are) instead of deleting them.</summary>
    public bool Keep { get; init; }

    public const string Usage = """
        Usage: sharpnode demo [-blocks=<n>] [-blocksize=<bytes>] [-peers=<k>] [-keep]

        Generates (or reuses from the cache) a deterministic regtest chain, starts <k> sharpnode
        processes serving it and one fresh sharpnode syncing it over 127.0.0.1, shows the sync's
        progress and summary, and checks that the tips match (exit code 0 only then).

          -blocks=<n>         blocks in the chain (default: 400)
          -blocksize=<bytes>  size each block is filled to (default: 1000000)
          -peers=<k>          serving nodes (default: 1)
          -keep               keep the data directories of the nodes
        """;

    /// <summary>Parses the flags; null with <paramref name="error"/> set when one is wrong.</summary>
    public static DemoOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new DemoOptions();
        error = null;
        foreach (string arg in args)
        {
            string flag = arg.TrimStart('-');
            int eq = flag.IndexOf('=');
            string name = eq < 0 ? flag : flag[..eq];
            string? value = eq < 0 ? null : flag[(eq + 1)..];
            switch (name)
            {
                case "blocks" when Int(value, 1, 100_000) is { } n: options = options with { Blocks = n }; break;
                case "blocksize" when Int(value, 1000, 4_000_000) is { } n: options = options with { BlockSize = n }; break;
                case "peers" when Int(value, 1, 8) is { } n: options = options with { Peers = n }; break;
                case "keep" when value is null or "1": options = options with { Keep = true }; break;
                default:
                    error = $"Invalid demo option '{arg}' (-blocks=1..100000, -blocksize=1000..4000000, -peers=1..8, -keep)";
                    return null;
            }
        }
        return options;
    }

    private static int? Int(string? value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : null;
}
