using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Node.Hosting;
using Node.Primitives.Consensus;

namespace Node.Tests;

/// <summary>The resolver only names addresses; nothing here opens a connection.</summary>
public sealed class SeedResolverTests
{
    private static readonly Func<string, CancellationToken, Task<IPAddress[]>> NoAnswer = (_, _) => Task.FromResult(Array.Empty<IPAddress>());

    private static readonly Func<string, CancellationToken, Task<IPAddress[]>> NoNetwork =
        (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.NetworkUnreachable));

    private static async Task<IReadOnlyList<string>> Resolve(ChainParams chain, SeedSources sources)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await SeedResolver.ResolveAsync(chain, sources, NullLogger.Instance, timeout.Token);
    }

    private static void AssertFixedSeeds(ChainParams chain, IReadOnlyList<string> found)
    {
        var fixedSeeds = chain.FixedSeeds.Select(s => s.ToString()).ToHashSet();
        Assert.Equal(SeedResolver.MaxAddresses, found.Count);
        Assert.Equal(found.Count, found.Distinct().Count());
        Assert.All(found, a => Assert.Contains(a, fixedSeeds));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("testnet4")]
    public async Task Falls_back_to_the_fixed_seeds_when_dns_gives_no_address(string name)
    {
        var chain = ChainParams.FromName(name);
        var found = await Resolve(chain, new SeedSources { Lookup = NoAnswer, FixedSeedDelay = TimeSpan.Zero });
        AssertFixedSeeds(chain, found);
    }

    [Fact]
    public async Task Falls_back_to_the_fixed_seeds_when_the_network_is_unreachable()
    {
        var found = await Resolve(ChainParams.Main, new SeedSources { Lookup = NoNetwork, FixedSeedDelay = TimeSpan.Zero });
        AssertFixedSeeds(ChainParams.Main, found);
    }

    [Fact]
    public async Task Waits_out_the_delay_with_the_back_off_before_the_fixed_seeds()
    {
        int rounds = 0;
        var sources = new SeedSources
        {
            Lookup = (seed, _) =>
            {
                if (seed == ChainParams.Main.DnsSeeds[0]) Interlocked.Increment(ref rounds);
                return Task.FromResult(Array.Empty<IPAddress>());
            },
            FixedSeedDelay = TimeSpan.FromSeconds(1),
        };
        var found = await Resolve(ChainParams.Main, sources);
        AssertFixedSeeds(ChainParams.Main, found);
        Assert.Equal(2, rounds); // one round, a wait cut to the delay, one more round, then the fixed seeds
    }

    [Fact]
    public async Task Dns_answers_are_used_and_the_fixed_seeds_are_not()
    {
        var sources = new SeedSources { Lookup = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }), FixedSeedDelay = TimeSpan.Zero };
        var found = await Resolve(ChainParams.Main, sources);
        Assert.Equal(SeedResolver.MaxAddresses, found.Count);
        Assert.All(found, a => Assert.Equal("127.0.0.1:8333", a));
    }

    [Fact]
    public async Task Dnsseed_0_goes_straight_to_the_fixed_seeds_without_a_lookup()
    {
        var sources = new SeedSources
        {
            DnsSeed = false,
            Lookup = (seed, _) => throw new InvalidOperationException($"looked up {seed}"),
        };
        AssertFixedSeeds(ChainParams.Testnet4, await Resolve(ChainParams.Testnet4, sources));
    }

    [Fact]
    public async Task Without_dns_or_fixed_seeds_nothing_is_offered()
    {
        var none = new SeedSources { DnsSeed = false, FixedSeeds = false };
        Assert.Empty(await Resolve(ChainParams.Main, none));
        Assert.Empty(await Resolve(ChainParams.Regtest, new SeedSources()));
    }

    [Fact]
    public async Task Fixedseeds_0_keeps_retrying_dns_with_the_back_off()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sources = new SeedSources { FixedSeeds = false, Lookup = NoAnswer, FixedSeedDelay = TimeSpan.Zero };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SeedResolver.ResolveAsync(ChainParams.Main, sources, NullLogger.Instance, stop.Token));
    }
}
