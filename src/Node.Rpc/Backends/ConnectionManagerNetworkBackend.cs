using System.Net;
using Node.Net;
using Node.Wire;
using Node.Rpc.Codec;
using Node.Rpc.Protocol;

namespace Node.Rpc.Backends;

/// <summary>
/// The network methods over a <see cref="ConnectionManager"/> and its <see cref="BanList"/>. The
/// connection manager keeps its -addnode targets from start-up only, so addnode at run time answers
/// with Core's misc error saying so. Without a <paramref name="syncStats"/> source the block sync fields
/// read as Core's for a peer with no sync state (heights -1, nothing in flight, no block yet).
/// </summary>
public sealed class ConnectionManagerNetworkBackend(ConnectionManager connections, PeerOptions peerOptions, TimeProvider clock,
    IPeerSyncStatsSource? syncStats = null) : INetworkRpcBackend
{
    /// <summary>Core's NET_MESSAGE_TYPE_OTHER: the per-message byte counts' name for types without a codec.</summary>
    public const string OtherMessageType = "*other*";

    /// <summary>sharpnode 0.1.0 in Core's CLIENT_VERSION encoding (10000·major + 100·minor + patch).</summary>
    public const int ClientVersion = 100;

    public long DefaultBanTimeSeconds => 24 * 60 * 60;

    public int ConnectionCount => connections.Peers.Count;

    public IReadOnlyList<PeerSummary> GetPeers() => [.. connections.Peers.OrderBy(p => p.Id).Select(Summary)];

    private PeerSummary Summary(Peer peer)
    {
        VersionMessage? version = peer.PeerVersion;
        PeerSyncStats sync = default;
        bool tracked = syncStats?.TryGetSyncStats(peer.Id, out sync) == true;
        var counters = peer.Counters;
        long connected = counters.ConnectedAt.ToUnixTimeSeconds();
        bool inbound = peer.Direction == PeerDirection.Inbound;
        return new PeerSummary(
            peer.Id,
            peer.RemoteEndPoint.ToString(),
            peer.LocalEndPoint?.ToString(),
            version?.Services ?? 0,
            version?.Relay ?? false,
            counters.LastSend?.ToUnixTimeSeconds() ?? 0,
            counters.LastReceive?.ToUnixTimeSeconds() ?? 0,
            counters.BytesSent,
            counters.BytesReceived,
            connected,
            version is null ? 0 : version.Timestamp - connected,
            counters.LastPingTime?.TotalSeconds,
            counters.MinPingTime?.TotalSeconds,
            peer.PingWait?.TotalSeconds,
            version?.Version ?? 0,
            version?.UserAgent ?? "",
            inbound,
            version?.StartHeight ?? -1,
            tracked ? sync.SyncedHeaders : -1,
            tracked ? sync.SyncedBlocks : -1,
            inbound ? "inbound" : peer.IsManual ? "manual" : "outbound-full-relay")
        {
            Network = PeerNames.Network(peer.RemoteEndPoint.Address),
            Permissions = [.. PeerNames.Permissions(peer.Permissions)],
            InFlight = tracked ? sync.InFlightHeights : [],
            LastBlock = sync.LastBlockTime,
            BytesSentPerMessage = BytesPerMessage(counters.BytesSentOf),
            BytesReceivedPerMessage = BytesPerMessage(counters.BytesReceivedOf),
        };
    }

    /// <summary>Core's map of message type to bytes: non-zero counts only, ordered by type name.</summary>
    private static KeyValuePair<string, long>[] BytesPerMessage(Func<Command, long> bytesOf) =>
    [
        .. Enum.GetValues<Command>()
            .Select(c => KeyValuePair.Create(c == Command.Unknown ? OtherMessageType : CommandNames.Of(c).ToString(), bytesOf(c)))
            .Where(kv => kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal),
    ];

    public void PingAll()
    {
        foreach (var peer in connections.Peers) peer.QueuePing();
    }

    public TrafficTotals GetTotals() =>
        new(peerOptions.Totals.BytesReceived, peerOptions.Totals.BytesSent, clock.GetUtcNow().ToUnixTimeMilliseconds());

    public NetworkSummary GetNetworkSummary()
    {
        int inbound = connections.InboundCount;
        return new NetworkSummary(ClientVersion, peerOptions.UserAgent, ProtocolVersions.Current, peerOptions.LocalServices, !peerOptions.BlocksOnly,
            TimeOffset: 0, NetworkActive: true, inbound, connections.Peers.Count - inbound, []);
    }

    public bool AddNode(string node) => connections.AddNode(node);

    public bool RemoveAddedNode(string node) => connections.RemoveAddedNode(node);

    public void TryConnectOnce(string node) => connections.ConnectOnce(node);

    /// <summary>Core's DisconnectNode(string): the peer's "host:port" as shown by getpeerinfo, or its address alone.</summary>
    public bool DisconnectNode(string address)
    {
        bool any = false;
        foreach (var peer in connections.Peers)
        {
            bool match = peer.RemoteEndPoint.ToString() == address
                || (IPAddress.TryParse(address, out var ip) && Subnets.Normalize(ip).Equals(Subnets.Normalize(peer.RemoteEndPoint.Address)));
            if (!match) continue;
            connections.Disconnect(peer, DisconnectReason.Requested, "disconnectnode");
            any = true;
        }
        return any;
    }

    public bool DisconnectNode(long nodeId)
    {
        var peer = connections.Peers.FirstOrDefault(p => p.Id == nodeId);
        if (peer is null) return false;
        connections.Disconnect(peer, DisconnectReason.Requested, "disconnectnode");
        return true;
    }

    /// <summary>Core's BanMan::IsBanned(CSubNet): this exact subnet has an unexpired ban.</summary>
    public bool IsBanned(IPNetwork subnet) => connections.Bans.Entries.Any(e => e.Network.Equals(subnet));

    public void Ban(IPNetwork subnet, long bannedUntil) =>
        connections.Ban(subnet, TimeSpan.FromSeconds(Math.Max(0, bannedUntil - clock.GetUtcNow().ToUnixTimeSeconds())));

    public bool Unban(IPNetwork subnet) => connections.Bans.Unban(subnet);

    public IReadOnlyList<BannedSubnet> ListBanned() => [.. connections.Bans.Entries.Select(e => new BannedSubnet(e.Network, e.CreatedAt, e.BannedUntil))];

    public void ClearBanned() => connections.Bans.Clear();
}
