using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Node.Primitives.Consensus;

namespace Node.Hosting;

/// <summary>How <see cref="SeedResolver"/> finds first peers: Core's -dnsseed and -fixedseeds, and the DNS lookup to use.</summary>
public sealed record SeedSources
{
    public bool DnsSeed { get; init; } = true;
    public bool FixedSeeds { get; init; } = true;

    /// <summary>Core adds its fixed seeds once a minute has passed without any address (ThreadOpenConnections).</summary>
    public TimeSpan FixedSeedDelay { get; init; } = TimeSpan.FromMinutes(1);

    public Func<string, CancellationToken, Task<IPAddress[]>> Lookup { get; init; } = Dns.GetHostAddressesAsync;
}

/// <summary>
/// Finds first peers for a node without -connect: Core's DNS seeds of the network. When no seed answers (no
/// network, no DNS) it says so in the log and tries again after a back-off that doubles up to five minutes; once
/// <see cref="SeedSources.FixedSeedDelay"/> has passed without an address (at once with -dnsseed=0) it falls back
/// to the network's fixed seeds, as Core does.
/// </summary>
public static partial class SeedResolver
{
    public const int MaxAddresses = 8;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    /// <summary>Resolves until some addresses are found ("ip:port", at most <see cref="MaxAddresses"/>) or <paramref name="cancel"/> fires.</summary>
    public static Task<IReadOnlyList<string>> ResolveAsync(ChainParams chain, ILogger log, CancellationToken cancel) =>
        ResolveAsync(chain, new SeedSources(), log, cancel);

    /// <inheritdoc cref="ResolveAsync(ChainParams, ILogger, CancellationToken)"/>
    public static async Task<IReadOnlyList<string>> ResolveAsync(ChainParams chain, SeedSources sources, ILogger log, CancellationToken cancel)
    {
        bool dns = sources.DnsSeed && chain.DnsSeeds.Count > 0;
        bool useFixed = sources.FixedSeeds && chain.FixedSeeds.Count > 0;
        if (!dns && !useFixed)
        {
            NoSeeds(log, chain.Name);
            return [];
        }
        if (!dns)
        {
            FixedSeedsWithoutDns(log);
            return PickFixedSeeds(chain);
        }
        var started = Stopwatch.StartNew();
        var delay = FirstRetry;
        bool deadlineReached = false; // decided by the wait, not re-measured: a timer may fire a hair before the stopwatch agrees
        while (true)
        {
            var found = await QueryDnsSeedsAsync(chain, sources.Lookup, log, cancel).ConfigureAwait(false);
            if (found.Count > 0) return found;
            var untilFixed = sources.FixedSeedDelay - started.Elapsed;
            if (useFixed && (deadlineReached || untilFixed <= TimeSpan.Zero))
            {
                AddingFixedSeeds(log, sources.FixedSeedDelay.TotalSeconds);
                return PickFixedSeeds(chain);
            }
            var wait = delay;
            if (useFixed && untilFixed < delay)
            {
                wait = untilFixed;
                deadlineReached = true;
            }
            Unreachable(log, chain.DnsSeeds.Count, wait.TotalSeconds);
            await Task.Delay(wait, cancel).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
        }
    }

    private static async Task<List<string>> QueryDnsSeedsAsync(
        ChainParams chain, Func<string, CancellationToken, Task<IPAddress[]>> lookup, ILogger log, CancellationToken cancel)
    {
        var found = new List<string>();
        foreach (string seed in chain.DnsSeeds)
        {
            try
            {
                var addresses = await lookup(seed, cancel).ConfigureAwait(false);
                found.AddRange(addresses.Take(MaxAddresses - found.Count).Select(a => new IPEndPoint(a, chain.DefaultPort).ToString()));
                SeedAnswered(log, seed, addresses.Length);
            }
            catch (SocketException e)
            {
                SeedFailed(log, seed, e.SocketErrorCode.ToString());
            }
            if (found.Count >= MaxAddresses) break;
        }
        return found;
    }

    /// <summary>A random few of the fixed seeds, so that nodes falling back at the same time spread over the list.</summary>
    private static List<string> PickFixedSeeds(ChainParams chain)
    {
        var seeds = chain.FixedSeeds.ToArray();
        Random.Shared.Shuffle(seeds);
        return [.. seeds.Take(MaxAddresses).Select(s => s.ToString())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No DNS or fixed seeds for {Chain}: use -connect or -addnode to find peers")]
    private static partial void NoSeeds(ILogger logger, string chain);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNS seed {Seed}: {Count} addresses")]
    private static partial void SeedAnswered(ILogger logger, string seed, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS seed {Seed} failed: {Error}")]
    private static partial void SeedFailed(ILogger logger, string seed, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Network unreachable: none of the {Count} DNS seeds gave an address; retrying in {Seconds:F0} s")]
    private static partial void Unreachable(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adding fixed seeds as {Seconds:F0} seconds have passed and DNS seeding gave no address")]
    private static partial void AddingFixedSeeds(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adding fixed seeds as -dnsseed=0 (or the network has no DNS seeds)")]
    private static partial void FixedSeedsWithoutDns(ILogger logger);
}
