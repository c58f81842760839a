using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Node.Primitives.Consensus;

namespace Node.Hosting;

/// <summary>
/// Finds first peers for a node without -connect: Core's DNS seeds of the network, resolved with
/// <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>. When no seed answers (no network,
/// no DNS) it says so in the log and tries again after a back-off that doubles up to five minutes.
/// </summary>
public static partial class SeedResolver
{
    public const int MaxAddresses = 8;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    /// <summary>Resolves until some addresses are found ("ip:port", at most <see cref="MaxAddresses"/>) or <paramref name="cancel"/> fires.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(ChainParams chain, ILogger log, CancellationToken cancel)
    {
        if (chain.DnsSeeds.Count == 0)
        {
            NoSeeds(log, chain.Name);
            return [];
        }
        var delay = FirstRetry;
        while (true)
        {
            var found = new List<string>();
            foreach (string seed in chain.DnsSeeds)
            {
                try
                {
                    var addresses = await Dns.GetHostAddressesAsync(seed, cancel).ConfigureAwait(false);
                    found.AddRange(addresses.Take(MaxAddresses - found.Count).Select(a => new IPEndPoint(a, chain.DefaultPort).ToString()));
                    SeedAnswered(log, seed, addresses.Length);
                }
                catch (SocketException e)
                {
                    SeedFailed(log, seed, e.SocketErrorCode.ToString());
                }
                if (found.Count >= MaxAddresses) break;
            }
            if (found.Count > 0) return found;
            Unreachable(log, chain.DnsSeeds.Count, delay.TotalSeconds);
            await Task.Delay(delay, cancel).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No DNS seeds for {Chain}: use -connect or -addnode to find peers")]
    private static partial void NoSeeds(ILogger logger, string chain);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNS seed {Seed}: {Count} addresses")]
    private static partial void SeedAnswered(ILogger logger, string seed, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS seed {Seed} failed: {Error}")]
    private static partial void SeedFailed(ILogger logger, string seed, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Network unreachable: none of the {Count} DNS seeds could be resolved; retrying in {Seconds:F0} s")]
    private static partial void Unreachable(ILogger logger, int count, double seconds);
}
