using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Node.Net;

/// <summary>
/// Owns the node's connections: the inbound listener (ban list, whitelist permissions, inbound limit), the
/// -connect/-addnode targets kept connected with back-off, misbehaviour and bans. Every peer it creates
/// reports to the same <see cref="IPeerMessageSink"/>.
/// </summary>
public sealed partial class ConnectionManager : IAsyncDisposable
{
    private readonly ConnectionManagerOptions _options;
    private readonly IPeerMessageSink _sink;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<long, Peer> _peers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private Socket? _listener;

    public ConnectionManager(ConnectionManagerOptions options, IPeerMessageSink sink, ILogger? logger = null)
    {
        _options = options;
        _sink = sink;
        _log = logger ?? NullLogger.Instance;
        Bans = new BanList(options.DataDirectory, options.Time);
    }

    public BanList Bans { get; }

    /// <summary>Where the listener is bound (with the port chosen when 0 was asked), or null when not listening.</summary>
    public IPEndPoint? ListenEndPoint { get; private set; }

    /// <summary>Connected and handshaking peers.</summary>
    public IReadOnlyCollection<Peer> Peers => [.. _peers.Values];

    public int InboundCount => _peers.Values.Count(p => p.Direction == PeerDirection.Inbound);

    /// <summary>Raised when an inbound connection is closed at once (banned address, inbound limit).</summary>
    public event Action<IPEndPoint, DisconnectReason>? ConnectionRefused;

    /// <summary>Binds the listener (unless not listening) and starts connecting to the -connect/-addnode targets.</summary>
    public void Start()
    {
        if (_options.Listen ?? _options.Connect.Count == 0)
        {
            var bind = _options.BindEndPoint ?? new IPEndPoint(IPAddress.IPv6Any, _options.Peer.Network.DefaultPort);
            var listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (bind.AddressFamily == AddressFamily.InterNetworkV6) listener.DualMode = true;
            listener.Bind(bind);
            listener.Listen(128);
            _listener = listener;
            ListenEndPoint = (IPEndPoint)listener.LocalEndPoint!;
            _loops.Add(Task.Run(AcceptLoopAsync));
        }
        foreach (var target in _options.Connect)
            _loops.Add(Task.Run(() => MaintainOutboundAsync(target, _stopping.Token)));
        foreach (var target in _options.AddNode) AddNode(target);
    }

    /// <summary>Keeps one more outbound target connected, as -addnode does (for peers found after start, such as DNS seed answers).</summary>
    public void AddOutbound(string target)
    {
        lock (_loops)
        {
            if (_stopping.IsCancellationRequested) return;
            _loops.Add(Task.Run(() => MaintainOutboundAsync(target, _stopping.Token)));
        }
    }

    /// <summary>Disconnects at once (the immediate cases, and the sync layer's own decisions).</summary>
    public void Disconnect(Peer peer, DisconnectReason reason, string detail = "") => peer.Disconnect(reason, detail);

    /// <summary>
    /// Core's Misbehaving and MaybeDiscourageAndDisconnect (v28: no score, any misbehaviour counts): the peer is
    /// disconnected and its address banned for the ban duration at once — except noban and manual peers, which are
    /// never punished, and local addresses, which are disconnected but not banned unless configured.
    /// </summary>
    public void Misbehaving(Peer peer, string reason)
    {
        ManagerLog.Misbehaving(_log, peer.Id, reason);
        if (peer.Permissions.Has(PeerPermissions.NoBan) || peer.IsManual)
        {
            ManagerLog.NotPunishing(_log, peer.Id, peer.IsManual ? "manually connected" : "noban");
            return;
        }
        var address = peer.RemoteEndPoint.Address;
        if (!IsLocal(address) || _options.BanLocalPeers) Bans.Ban(address, _options.BanDuration);
        peer.Disconnect(DisconnectReason.Misbehaviour, reason);
    }

    /// <summary>Bans a network (setban add) and disconnects every peer in it.</summary>
    public void Ban(IPNetwork network, TimeSpan duration)
    {
        Bans.Ban(network, duration);
        foreach (var peer in _peers.Values)
            if (Subnets.Contains(network, peer.RemoteEndPoint.Address)) peer.Disconnect(DisconnectReason.Banned, network.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        Task[] loops;
        lock (_loops) loops = [.. _loops];
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        var peers = _peers.Values.ToList();
        foreach (var peer in peers) peer.Disconnect(DisconnectReason.Requested, "shutting down");
        await Task.WhenAll(peers.Select(p => p.Completion)).ConfigureAwait(false);
        DisposeAddedNodes();
        _stopping.Dispose();
    }

    private Peer Track(Socket socket, IPEndPoint remote, PeerDirection direction, PeerPermissions permissions, bool manual)
    {
        var peer = Peer.Create(socket, remote, direction, _options.Peer, _sink, _log);
        peer.Permissions = permissions;
        peer.IsManual = manual;
        peer.MisbehaviourHandler = Misbehaving;
        _peers[peer.Id] = peer;
        peer.Start();
        _ = peer.Completion.ContinueWith(_ => _peers.TryRemove(peer.Id, out Peer? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return peer;
    }

    /// <summary>Core's CNetAddr::IsLocal: 127.0.0.0/8, 0.0.0.0/8 and ::1.</summary>
    private static bool IsLocal(IPAddress address)
    {
        address = Subnets.Normalize(address);
        if (IPAddress.IsLoopback(address)) return true;
        return address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 0;
    }
}
