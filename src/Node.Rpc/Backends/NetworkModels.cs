using System.Net;

namespace Node.Rpc.Backends;

/// <summary>
/// One connected peer as getpeerinfo shows it (times in unix seconds, ping in seconds).
/// <see cref="AddressBind"/> is null when the local end of the connection is not known (then left out, as Core does for an invalid one).
/// </summary>
public sealed record PeerSummary(
    long Id,
    string Address,
    string? AddressBind,
    ulong Services,
    bool RelayTransactions,
    long LastSend,
    long LastReceive,
    long BytesSent,
    long BytesReceived,
    long ConnectedTime,
    long TimeOffset,
    double? PingTime,
    double? MinPing,
    double? PingWait,
    int Version,
    string SubVersion,
    bool Inbound,
    int StartingHeight,
    int SyncedHeaders,
    int SyncedBlocks,
    string ConnectionType)
{
    /// <summary>Core's network name of the address: ipv4, ipv6 or not_publicly_routable.</summary>
    public string Network { get; init; } = "ipv4";

    /// <summary>Core's permission names (noban, download, ...), in Core's order.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Heights of the blocks requested from the peer, oldest request first.</summary>
    public IReadOnlyList<int> InFlight { get; init; } = [];

    /// <summary>Unix seconds of the last block the peer gave us that we accepted as new, 0 for none.</summary>
    public long LastBlock { get; init; }

    /// <summary>Bytes sent per message type, header included: only non-zero counts, ordered by name as Core's map is.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> BytesSentPerMessage { get; init; } = [];

    /// <summary>Bytes received per message type, the same way; types without a codec count as "*other*".</summary>
    public IReadOnlyList<KeyValuePair<string, long>> BytesReceivedPerMessage { get; init; } = [];
}

/// <summary>The node's network state for getnetworkinfo.</summary>
public sealed record NetworkSummary(
    int Version,
    string SubVersion,
    int ProtocolVersion,
    ulong LocalServices,
    bool LocalRelay,
    long TimeOffset,
    bool NetworkActive,
    int ConnectionsIn,
    int ConnectionsOut,
    IReadOnlyList<LocalAddress> LocalAddresses);

public sealed record LocalAddress(string Address, int Port, int Score);

/// <summary>
/// The node's traffic since it started, disconnected peers included, for getnettotals: whole messages, header included,
/// as getpeerinfo counts them; <paramref name="TimeMillis"/> is the system time in unix milliseconds.
/// </summary>
public readonly record struct TrafficTotals(long BytesReceived, long BytesSent, long TimeMillis);

/// <summary>One entry of the ban list (times in unix seconds).</summary>
public sealed record BannedSubnet(IPNetwork Subnet, long BanCreated, long BannedUntil);
