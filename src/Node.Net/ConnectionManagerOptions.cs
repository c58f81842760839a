using System.Net;

namespace Node.Net;

/// <summary>Which connections to make and accept, and how to treat misbehaviour. Defaults are Core's.</summary>
public sealed record ConnectionManagerOptions
{
    public required PeerOptions Peer { get; init; }

    /// <summary>-connect: connect only to these ("host" or "host:port"), kept connected with back-off.</summary>
    public IReadOnlyList<string> Connect { get; init; } = [];

    /// <summary>-addnode: also keep these connected.</summary>
    public IReadOnlyList<string> AddNode { get; init; } = [];

    /// <summary>-listen; null means Core's default: listen unless -connect is given.</summary>
    public bool? Listen { get; init; }

    /// <summary>-bind: where the listener binds; port 0 picks a free port. Null: all addresses on the network's port.</summary>
    public IPEndPoint? BindEndPoint { get; init; }

    /// <summary>Inbound connections beyond this are refused (Core's default maximum of 125 connections).</summary>
    public int MaxInbound { get; init; } = 125;

    /// <summary>-whitelist entries, parsed with <see cref="WhitelistParser"/>.</summary>
    public IReadOnlyList<WhitelistEntry> Whitelist { get; init; } = [];

    /// <summary>The misbehaviour score at which a peer is disconnected and banned.</summary>
    public int BanThreshold { get; init; } = 100;

    /// <summary>-bantime (Core's DEFAULT_MISBEHAVING_BANTIME, 24 h).</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Core disconnects a misbehaving peer on a local address (127.0.0.0/8, ::1) but does not ban it, as that would
    /// ban every local client. True bans them too.
    /// </summary>
    public bool BanLocalPeers { get; init; }

    /// <summary>Where banlist.json lives; null keeps bans in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Core's DEFAULT_CONNECT_TIMEOUT.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before reconnecting to a -connect/-addnode target, doubling after each failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between reconnection attempts (Core retries added nodes every 60 s).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
