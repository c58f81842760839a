using System.Net;
using Node.Net;
using Node.Rpc.Codec;

namespace Node.Rpc.Tests;

/// <summary>The names getpeerinfo and getnetworkinfo print, per Core's protocol.cpp, netaddress.cpp and net_permissions.cpp.</summary>
public sealed class PeerNamesTests
{
    [Fact]
    public void Service_bits_are_named_low_to_high_with_unknown_ones_as_powers_of_two()
    {
        Assert.Equal(["NETWORK", "BLOOM", "WITNESS", "COMPACT_FILTERS", "NETWORK_LIMITED", "P2P_V2"], PeerNames.Services(0b1100_0100_1101));
        Assert.Equal(["UNKNOWN[2^1]", "UNKNOWN[2^63]"], PeerNames.Services((1UL << 63) | 2));
        Assert.Empty(PeerNames.Services(0));
    }

    [Fact]
    public void Permissions_follow_cores_order_and_composites_need_all_their_bits()
    {
        Assert.Equal(["bloomfilter", "noban", "forcerelay", "relay", "mempool", "download", "addr"], PeerNames.Permissions(PeerPermissions.All));
        Assert.Equal(["relay", "download"], PeerNames.Permissions(PeerPermissions.Relay | PeerPermissions.Download));
        Assert.Empty(PeerNames.Permissions(PeerPermissions.None));
    }

    [Theory]
    [InlineData("8.8.8.8", "ipv4")]
    [InlineData("::ffff:8.8.8.8", "ipv4")]
    [InlineData("2a00:1450::1", "ipv6")]
    [InlineData("127.0.0.1", "not_publicly_routable")]
    [InlineData("10.1.2.3", "not_publicly_routable")]
    [InlineData("172.16.0.1", "not_publicly_routable")]
    [InlineData("172.32.0.1", "ipv4")]
    [InlineData("192.168.1.1", "not_publicly_routable")]
    [InlineData("100.64.0.1", "not_publicly_routable")]
    [InlineData("100.128.0.1", "ipv4")]
    [InlineData("169.254.1.1", "not_publicly_routable")]
    [InlineData("198.18.0.1", "not_publicly_routable")]
    [InlineData("203.0.113.5", "not_publicly_routable")]
    [InlineData("0.0.0.0", "not_publicly_routable")]
    [InlineData("::1", "not_publicly_routable")]
    [InlineData("::", "not_publicly_routable")]
    [InlineData("fe80::1", "not_publicly_routable")]
    [InlineData("fd00::1", "not_publicly_routable")]
    [InlineData("2001:db8::1", "not_publicly_routable")]
    [InlineData("2001:10::1", "not_publicly_routable")]
    [InlineData("2001:20::1", "not_publicly_routable")]
    public void Networks_are_named_like_core(string address, string expected) => Assert.Equal(expected, PeerNames.Network(IPAddress.Parse(address)));
}
