using Node.Wire;

namespace Node.Net;

// Core's version handshake (net_processing ProcessMessage): version, then wtxidrelay + sendaddrv2 (70016+) before
// verack; after their verack, sendheaders (70012+) and feefilter (70013+, never in blocks-only mode).
public sealed partial class Peer
{
    private readonly ulong _localNonce;
    private VersionMessage? _theirVersion;
    private int _handshakeComplete;

    /// <summary>The peer's version message, once received.</summary>
    public VersionMessage? PeerVersion => Volatile.Read(ref _theirVersion);

    /// <summary>min(their version, ours): decides which optional messages are exchanged.</summary>
    public int CommonVersion { get; private set; }

    /// <summary>Their verack arrived (Core's fSuccessfullyConnected).</summary>
    public bool IsHandshakeComplete => Volatile.Read(ref _handshakeComplete) != 0;

    /// <summary>They sent wtxidrelay before verack (BIP339).</summary>
    public bool WtxidRelay { get; private set; }

    /// <summary>They sent sendaddrv2 before verack (BIP155): announce addresses with addrv2.</summary>
    public bool WantsAddrV2 { get; private set; }

    private ValueTask<bool> SendVersionAsync() => SendAsync(new VersionMessage
    {
        Version = ProtocolVersions.Current,
        Services = Options.LocalServices,
        Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Receiver = NetworkAddress.From(RemoteEndPoint.Address, (ushort)RemoteEndPoint.Port),
        Sender = new NetworkAddress(Options.LocalServices, UInt128.Zero, 0), // addr_from is empty, as Core sends it
        Nonce = _localNonce,
        UserAgent = Options.UserAgent,
        StartHeight = Options.StartHeight(),
        Relay = !Options.BlocksOnly,
    });

    private async ValueTask OnVersionAsync(VersionMessage version)
    {
        if (Direction == PeerDirection.Inbound && Options.Nonces.IsOurs(version.Nonce))
        {
            Disconnect(DisconnectReason.SelfConnection, $"connected to self, nonce {version.Nonce:x16}");
            return;
        }
        if (version.Version < Options.MinPeerProtocolVersion)
        {
            Disconnect(DisconnectReason.ObsoleteVersion,
                $"protocol version {version.Version} below the minimum {Options.MinPeerProtocolVersion}");
            return;
        }
        if (Direction == PeerDirection.Outbound && !ServiceFlags.HasAll(version.Services, Options.RequiredOutboundServices))
        {
            Disconnect(DisconnectReason.MissingServices,
                $"services {version.Services:x} lack the required {Options.RequiredOutboundServices:x}");
            return;
        }
        CommonVersion = Math.Min(version.Version, ProtocolVersions.Current);
        Volatile.Write(ref _theirVersion, version);
        PeerLog.Version(_log, Id, version.Version, version.Services, version.UserAgent, version.StartHeight);

        if (Direction == PeerDirection.Inbound) await SendVersionAsync().ConfigureAwait(false);
        if (CommonVersion >= ProtocolVersions.WtxidRelay)
        {
            // BIP339 and BIP155: only valid between version and verack.
            await SendAsync(new EmptyMessage(Command.WtxidRelay)).ConfigureAwait(false);
            await SendAsync(new EmptyMessage(Command.SendAddrV2)).ConfigureAwait(false);
        }
        await SendAsync(new EmptyMessage(Command.Verack)).ConfigureAwait(false);
    }

    private async ValueTask OnVerackAsync()
    {
        if (Interlocked.Exchange(ref _handshakeComplete, 1) != 0) return; // Core ignores a redundant verack
        if (Direction == PeerDirection.Outbound) Options.Nonces.Release(_localNonce);
        if (CommonVersion >= ProtocolVersions.SendHeaders)
            await SendAsync(new EmptyMessage(Command.SendHeaders)).ConfigureAwait(false);
        if (Options is { BlocksOnly: false, FeeFilter: { } feeFilter } && CommonVersion >= ProtocolVersions.FeeFilter)
            await SendAsync(new FeeFilterMessage(feeFilter())).ConfigureAwait(false);
        PeerLog.Connected(_log, Id, RemoteEndPoint, Direction);
        _sink.OnPeerConnected(this);
    }

    /// <summary>wtxidrelay and sendaddrv2 are accepted between version and verack only; after verack Core disconnects.</summary>
    private void OnPreVerackFeature(Command command)
    {
        if (IsHandshakeComplete)
        {
            Disconnect(DisconnectReason.ProtocolViolation, $"{CommandNames.Of(command)} received after verack");
            return;
        }
        if (command == Command.SendAddrV2) WantsAddrV2 = true;
        else if (CommonVersion >= ProtocolVersions.WtxidRelay) WtxidRelay = true;
    }
}
