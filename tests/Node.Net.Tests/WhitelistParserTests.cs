using System.Net;

namespace Node.Net.Tests;

public class WhitelistParserTests
{
    [Fact]
    public void Explicit_permissions_apply_with_their_implications()
    {
        var entry = WhitelistParser.Parse("download,noban@127.0.0.1");
        Assert.Equal(PeerPermissions.NoBan | PeerPermissions.Download, entry.Permissions);
        Assert.Equal(IPNetwork.Parse("127.0.0.1/32"), entry.Network);
        Assert.Equal(WhitelistDirection.Inbound, entry.Directions);

        Assert.True(WhitelistParser.Parse("noban@1.2.3.4").Permissions.Has(PeerPermissions.Download));
        var force = WhitelistParser.Parse("forcerelay@1.2.3.4").Permissions;
        Assert.True(force.Has(PeerPermissions.Relay));
        Assert.False(WhitelistParser.Parse("download@1.2.3.4").Permissions.Has(PeerPermissions.NoBan));
        Assert.Equal(PeerPermissions.BloomFilter, WhitelistParser.Parse("bloom@1.2.3.4").Permissions);
        Assert.Equal(PeerPermissions.All, WhitelistParser.Parse("all@1.2.3.4").Permissions);
        Assert.Equal(PeerPermissions.Addr | PeerPermissions.Mempool, WhitelistParser.Parse("addr,,mempool@1.2.3.4").Permissions);
    }

    [Fact]
    public void A_bare_address_gets_Cores_implicit_permissions()
    {
        var implicitSet = PeerPermissions.NoBan | PeerPermissions.Download | PeerPermissions.Mempool | PeerPermissions.Relay;
        Assert.Equal(implicitSet, WhitelistParser.Parse("10.0.0.0/8").Permissions);
        Assert.Equal(PeerPermissions.NoBan | PeerPermissions.Mempool, WhitelistParser.Parse("10.0.0.0/8", whitelistRelay: false).Permissions);
        Assert.True(WhitelistParser.Parse("10.0.0.0/8", whitelistForceRelay: true).Permissions.Has(PeerPermissions.ForceRelay));
        // An empty permission list before '@' is explicit: no permissions.
        Assert.Equal(PeerPermissions.None, WhitelistParser.Parse("@10.0.0.1").Permissions);
    }

    [Theory]
    [InlineData("1.2.3.0/24", "1.2.3.200", true)]
    [InlineData("1.2.3.77/24", "1.2.3.1", true)]
    [InlineData("1.2.3.0/24", "1.2.4.1", false)]
    [InlineData("1.2.0.0/255.255.0.0", "1.2.200.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("1.2.3.4", "::ffff:1.2.3.4", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    public void Networks_match_as_Core_reads_them(string network, string address, bool matches)
    {
        var entry = WhitelistParser.Parse("noban@" + network);
        Assert.Equal(matches, entry.Matches(IPAddress.Parse(address), PeerDirection.Inbound));
    }

    [Fact]
    public void Directions_select_inbound_or_outbound_connections()
    {
        var loopback = IPAddress.Loopback;
        Assert.False(WhitelistParser.Parse("noban@127.0.0.1").Matches(loopback, PeerDirection.Outbound));
        var outOnly = WhitelistParser.Parse("out,download@127.0.0.1");
        Assert.True(outOnly.Matches(loopback, PeerDirection.Outbound));
        Assert.False(outOnly.Matches(loopback, PeerDirection.Inbound));
        var both = WhitelistParser.Parse("in,out,relay@127.0.0.1");
        Assert.True(both.Matches(loopback, PeerDirection.Inbound) && both.Matches(loopback, PeerDirection.Outbound));

        var list = new[] { WhitelistParser.Parse("relay@127.0.0.0/8"), WhitelistParser.Parse("noban@127.0.0.1") };
        Assert.Equal(PeerPermissions.Relay | PeerPermissions.NoBan, WhitelistParser.PermissionsFor(list, loopback, PeerDirection.Inbound));
        Assert.Equal(PeerPermissions.None, WhitelistParser.PermissionsFor(list, IPAddress.Parse("10.1.1.1"), PeerDirection.Inbound));
    }

    [Theory]
    [InlineData("superuser@1.2.3.4", WhitelistError.InvalidPermission)]
    [InlineData("noban@not-an-address", WhitelistError.InvalidNetwork)]
    [InlineData("1.2.3.4/33", WhitelistError.InvalidNetwork)]
    [InlineData("1.2.3.4/255.0.255.0", WhitelistError.InvalidNetwork)]
    [InlineData("", WhitelistError.InvalidNetwork)]
    public void Bad_entries_fail_with_a_named_error(string text, WhitelistError error)
    {
        var e = Assert.Throws<WhitelistException>(() => WhitelistParser.Parse(text));
        Assert.Equal(error, e.Error);
    }
}
