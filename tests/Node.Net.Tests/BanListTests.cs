using System.Net;
using System.Text.Json;

namespace Node.Net.Tests;

public sealed class BanListTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("banlist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Bans_match_addresses_and_networks_until_they_expire()
    {
        var time = new ManualTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var bans = new BanList(time: time);
        bans.Ban(IPAddress.Parse("1.2.3.4"), TimeSpan.FromHours(24));
        Subnets.TryParse("10.0.0.0/8", out var net);
        bans.Ban(net, TimeSpan.FromHours(1));

        Assert.True(bans.IsBanned(IPAddress.Parse("1.2.3.4")));
        Assert.True(bans.IsBanned(IPAddress.Parse("::ffff:1.2.3.4")));
        Assert.False(bans.IsBanned(IPAddress.Parse("1.2.3.5")));
        Assert.True(bans.IsBanned(IPAddress.Parse("10.200.0.1")));
        Assert.Equal(2, bans.Entries.Count);

        time.Now = time.Now.AddHours(2);
        Assert.False(bans.IsBanned(IPAddress.Parse("10.200.0.1")));
        Assert.True(bans.IsBanned(IPAddress.Parse("1.2.3.4")));
        var entry = Assert.Single(bans.Entries);
        Assert.Equal(1_700_000_000 + 24 * 3600, entry.BannedUntil);
        Assert.Equal(1_700_000_000, entry.CreatedAt);

        Assert.True(bans.Unban(entry.Network));
        Assert.False(bans.Unban(entry.Network));
        Assert.Empty(bans.Entries);
    }

    [Fact]
    public void The_list_persists_to_banlist_json_in_Cores_format()
    {
        var bans = new BanList(_dir);
        bans.Ban(IPAddress.Parse("1.2.3.4"), TimeSpan.FromHours(24));
        Subnets.TryParse("2001:db8::/32", out var net);
        bans.Ban(net, TimeSpan.FromDays(2));

        using (var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, BanList.FileName))))
        {
            var nets = json.RootElement.GetProperty("banned_nets").EnumerateArray().ToList();
            Assert.Equal(2, nets.Count);
            Assert.Contains(nets, n => n.GetProperty("address").GetString() == "1.2.3.4/32");
            Assert.Contains(nets, n => n.GetProperty("address").GetString() == "2001:db8::/32");
            Assert.All(nets, n => Assert.Equal(1, n.GetProperty("version").GetInt32()));
            Assert.All(nets, n => Assert.True(n.GetProperty("banned_until").GetInt64() > n.GetProperty("ban_created").GetInt64()));
        }

        var reloaded = new BanList(_dir);
        Assert.True(reloaded.IsBanned(IPAddress.Parse("1.2.3.4")));
        Assert.True(reloaded.IsBanned(IPAddress.Parse("2001:db8:5::1")));
        reloaded.Clear();
        Assert.Empty(new BanList(_dir).Entries);
    }

    [Fact]
    public void A_corrupt_banlist_file_is_reported()
    {
        File.WriteAllText(Path.Combine(_dir, BanList.FileName), """{"banned_nets":[{"version":1,"ban_created":1,"banned_until":2,"address":"nonsense"}]}""");
        Assert.Throws<InvalidDataException>(() => new BanList(_dir));
    }
}
