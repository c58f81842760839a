using Node.Primitives.Consensus;

namespace Node.Net;

/// <summary>How a peer connection behaves. Defaults are Bitcoin Core's; tests shorten the timeouts.</summary>
public sealed record PeerOptions
{
    public required ChainParams Network { get; init; }

    /// <summary>The services we announce in our version.</summary>
    public ulong LocalServices { get; init; } = ServiceFlags.Network | ServiceFlags.Witness;

    /// <summary>
    /// An outbound peer must announce all of these (Core's HasAllDesirableServiceFlags) or it is disconnected.
    /// <see cref="ServiceFlags.None"/> turns the check off.
    /// </summary>
    public ulong RequiredOutboundServices { get; init; } = ServiceFlags.Desirable;

    public int MinPeerProtocolVersion { get; init; } = ProtocolVersions.MinPeer;

    public string UserAgent { get; init; } = "/sharpnode:0.1.0/";

    /// <summary>Our best height for the version's start_height, read when the version is sent.</summary>
    public Func<int> StartHeight { get; init; } = static () => 0;

    /// <summary>-blocksonly: relay=false in our version and no feefilter (Core sends none when ignoring incoming txs).</summary>
    public bool BlocksOnly { get; init; }

    /// <summary>
    /// The fee rate (sat/kvB) announced in a feefilter after the handshake to peers of version 70013+; null sends none.
    /// Never sent in blocks-only mode.
    /// </summary>
    public Func<long>? FeeFilter { get; init; }

    /// <summary>Version nonces shared by the peers of one node, for self-connection detection.</summary>
    public HandshakeNonces Nonces { get; init; } = new();

    /// <summary>The node's traffic totals, which every peer made with these options adds to.</summary>
    public NetTotals Totals { get; init; } = new();

    /// <summary>Core's m_peer_connect_timeout: version and verack must be done by then.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Core's PING_INTERVAL.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Core's TIMEOUT_INTERVAL for an unanswered ping.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Core's TIMEOUT_INTERVAL for receiving nothing at all ("socket receive timeout").</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Core's TIMEOUT_INTERVAL for a socket send that makes no progress ("socket sending timeout").</summary>
    public TimeSpan SendStallTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How often the timeouts above are checked and pings sent.</summary>
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bytes queued for the socket at which senders wait (Core's -maxsendbuffer, 5,000 KB). One message may
    /// exceed it; the queue never holds more than this plus one message.
    /// </summary>
    public long SendBufferPauseBytes { get; init; } = 5_000_000;

    /// <summary>Queued bytes below which waiting senders continue.</summary>
    public long SendBufferResumeBytes { get; init; } = 2_500_000;

    /// <summary>
    /// Raw payloads in one buffer from this size on (stored blocks being served) go from that buffer to the socket
    /// without a copy into the send queue (see <c>SocketPipe.SendDirectAsync</c>); <see cref="int.MaxValue"/> copies all.
    /// </summary>
    public int DirectSendBytes { get; init; } = 64 * 1024;
}
