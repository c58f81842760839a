using System.Net;

namespace Node.Rpc.Backends;

/// <summary>What the network methods need from the connection manager and the ban list.</summary>
public interface INetworkRpcBackend
{
    IReadOnlyList<PeerSummary> GetPeers();

    int ConnectionCount { get; }

    NetworkSummary GetNetworkSummary();

    TrafficTotals GetTotals();

    /// <summary>Core's ping RPC: every connected peer sends a ping at its next timer check.</summary>
    void PingAll();

    /// <summary>Adds <paramref name="node"/> to the added-node list; false when it is already there.</summary>
    bool AddNode(string node);

    /// <summary>Removes <paramref name="node"/> from the added-node list; false when it was not there.</summary>
    bool RemoveAddedNode(string node);

    /// <summary>Opens one outbound connection attempt to <paramref name="node"/> (addnode onetry).</summary>
    void TryConnectOnce(string node);

    /// <summary>Disconnects every peer at this "host:port" (or host); false when none was connected.</summary>
    bool DisconnectNode(string address);

    /// <summary>Disconnects the peer with this id; false when none was connected.</summary>
    bool DisconnectNode(long nodeId);

    bool IsBanned(IPNetwork subnet);

    /// <summary>Bans the subnet until <paramref name="bannedUntil"/> (unix seconds) and disconnects its peers.</summary>
    void Ban(IPNetwork subnet, long bannedUntil);

    /// <summary>Lifts a manual ban; false when the subnet was not banned.</summary>
    bool Unban(IPNetwork subnet);

    IReadOnlyList<BannedSubnet> ListBanned();

    void ClearBanned();

    /// <summary>The default ban duration in seconds (Core's -bantime, 24 h).</summary>
    long DefaultBanTimeSeconds { get; }
}
