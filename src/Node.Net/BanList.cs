using System.Net;

namespace Node.Net;

/// <summary>A banned address or network and its times, in Unix seconds as Core's listbanned shows them.</summary>
public readonly record struct BanEntry(IPNetwork Network, long CreatedAt, long BannedUntil);

/// <summary>
/// Banned addresses and networks with expiry (Core's BanMan), persisted to banlist.json in the data directory in
/// Core's format after every change. Thread-safe; expired entries are dropped when seen.
/// </summary>
public sealed class BanList
{
    public const string FileName = "banlist.json";

    private readonly Dictionary<IPNetwork, BanEntry> _entries = [];
    private readonly string? _path;
    private readonly TimeProvider _time;

    /// <summary>An in-memory list, or one loaded from and saved to <paramref name="dataDirectory"/>/banlist.json.</summary>
    public BanList(string? dataDirectory = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        if (dataDirectory is null) return;
        _path = Path.Combine(dataDirectory, FileName);
        foreach (var entry in BanListFile.Load(_path)) _entries[entry.Network] = entry;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    public void Ban(IPNetwork network, TimeSpan duration) => BanUntil(network, Now + (long)duration.TotalSeconds);

    public void Ban(IPAddress address, TimeSpan duration) => Ban(Subnets.Single(address), duration);

    /// <summary>Bans until an absolute time (Unix seconds), like setban's "absolute" form.</summary>
    public void BanUntil(IPNetwork network, long bannedUntil)
    {
        lock (_entries)
        {
            _entries[network] = new BanEntry(network, Now, bannedUntil);
            Save();
        }
    }

    /// <summary>True when the network was banned (setban remove).</summary>
    public bool Unban(IPNetwork network)
    {
        lock (_entries)
        {
            if (!_entries.Remove(network)) return false;
            Save();
            return true;
        }
    }

    public bool IsBanned(IPAddress address)
    {
        address = Subnets.Normalize(address);
        long now = Now;
        lock (_entries)
        {
            foreach (var entry in _entries.Values)
                if (entry.BannedUntil > now && entry.Network.Contains(address)) return true;
        }
        return false;
    }

    /// <summary>The unexpired bans (listbanned), oldest first.</summary>
    public IReadOnlyList<BanEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                SweepExpired();
                return [.. _entries.Values.OrderBy(e => e.CreatedAt)];
            }
        }
    }

    /// <summary>Removes every ban (clearbanned).</summary>
    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
            Save();
        }
    }

    private void SweepExpired()
    {
        long now = Now;
        int before = _entries.Count;
        foreach (var entry in _entries.Values.Where(e => e.BannedUntil <= now).ToList()) _entries.Remove(entry.Network);
        if (_entries.Count != before) Save();
    }

    private void Save()
    {
        if (_path is not null) BanListFile.Save(_path, _entries.Values);
    }
}
