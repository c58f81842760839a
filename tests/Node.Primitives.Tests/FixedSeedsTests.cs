using System.Net;
using System.Net.Sockets;
using Node.Primitives.Consensus;

namespace Node.Primitives.Tests;

public class FixedSeedsTests
{
    public static TheoryData<string, int> Tables => new()
    {
        { "main", 8333 },
        { "testnet4", 48333 },
    };

    private static IReadOnlyList<string> Entries(string chain) => chain switch
    {
        "main" => FixedSeeds.MainEntries,
        "testnet4" => FixedSeeds.Testnet4Entries,
        _ => throw new ArgumentOutOfRangeException(nameof(chain)),
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_entry_parses_as_a_public_ip_on_the_default_port(string chain, int port)
    {
        var p = ChainParams.FromName(chain);
        Assert.Equal(port, p.DefaultPort);
        foreach (string entry in Entries(chain))
        {
            Assert.True(IPEndPoint.TryParse(entry, out var endPoint), entry);
            Assert.Equal(port, endPoint!.Port);
            Assert.True(endPoint.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6, entry);
            Assert.False(IPAddress.IsLoopback(endPoint.Address), entry);
            Assert.False(endPoint.Address.IsIPv6LinkLocal || endPoint.Address.IsIPv6SiteLocal || endPoint.Address.IsIPv6UniqueLocal, entry);
        }
        Assert.Equal(Entries(chain).Count, p.FixedSeeds.Count);
        Assert.All(p.FixedSeeds, s => Assert.Equal(port, s.Port));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Tables_are_not_empty_have_both_families_and_no_duplicates(string chain, int port)
    {
        _ = port;
        var seeds = ChainParams.FromName(chain).FixedSeeds;
        Assert.InRange(seeds.Count, 20, 100);
        Assert.Contains(seeds, s => s.AddressFamily == AddressFamily.InterNetwork);
        Assert.Contains(seeds, s => s.AddressFamily == AddressFamily.InterNetworkV6);
        Assert.Equal(seeds.Count, seeds.Select(s => s.Address).Distinct().Count());
    }

    [Fact]
    public void Networks_without_fixed_seeds_have_an_empty_table()
    {
        Assert.Empty(ChainParams.Regtest.FixedSeeds);
        Assert.Empty(ChainParams.Signet.FixedSeeds);
        Assert.Empty(ChainParams.Testnet3.FixedSeeds);
    }

    [Fact]
    public void A_malformed_entry_is_rejected()
    {
        Assert.Throws<FormatException>(() => FixedSeeds.Parse(["seed.example.org:8333"]));
    }
}
