using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Node.Net;

/// <summary>
/// One P2P connection: a socket read and written through pipes, Core's version handshake, pings and timeouts,
/// and a send queue with back-pressure. Messages after the handshake go to an <see cref="IPeerMessageSink"/>;
/// the peer knows nothing of sync state. Partial files: handshake, ping and timeouts, send, receive loop.
/// </summary>
public sealed partial class Peer
{
    private static long s_nextId;

    private readonly IDuplexPipe _transport;
    private readonly SocketPipe? _socket;
    private readonly IPeerMessageSink _sink;
    private readonly ILogger _log;
    private readonly uint _magic;
    private readonly PeriodicTimer _timer;
    private int _closing;
    private PeerDisconnect _disconnect;
    private Task<PeerDisconnect>? _completion;

    internal Peer(IDuplexPipe transport, SocketPipe? socket, IPEndPoint remote, PeerDirection direction,
        PeerOptions options, IPeerMessageSink sink, ILogger? logger)
    {
        Id = Interlocked.Increment(ref s_nextId);
        _transport = transport;
        _socket = socket;
        RemoteEndPoint = Normalize(remote);
        Direction = direction;
        Options = options;
        Counters = new PeerCounters(options.Totals);
        _sink = sink;
        _log = logger ?? NullLogger.Instance;
        _magic = options.Network.Magic;
        _timer = new PeriodicTimer(options.TimerResolution);
        _localNonce = direction == PeerDirection.Outbound ? options.Nonces.Create() : (ulong)Random.Shared.NextInt64();
    }

    /// <summary>Connects to <paramref name="remote"/> and starts the handshake (we send version first).</summary>
    public static async Task<Peer> ConnectAsync(IPEndPoint remote, PeerOptions options, IPeerMessageSink sink,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var peer = Create(socket, remote, PeerDirection.Outbound, options, sink, logger);
        peer.Start();
        return peer;
    }

    /// <summary>Takes over an accepted socket and waits for the remote side's version.</summary>
    public static Peer Accept(Socket socket, PeerOptions options, IPeerMessageSink sink, ILogger? logger = null,
        PeerPermissions permissions = PeerPermissions.None)
    {
        var peer = Create(socket, (IPEndPoint)socket.RemoteEndPoint!, PeerDirection.Inbound, options, sink, logger);
        peer.Permissions = permissions;
        peer.Start();
        return peer;
    }

    internal static Peer Create(Socket socket, IPEndPoint remote, PeerDirection direction, PeerOptions options,
        IPeerMessageSink sink, ILogger? logger)
    {
        var local = socket.LocalEndPoint as IPEndPoint;
        var pipe = new SocketPipe(socket, options.SendBufferPauseBytes, options.SendBufferResumeBytes);
        return new Peer(pipe, pipe, remote, direction, options, sink, logger) { LocalEndPoint = local is null ? null : Normalize(local) };
    }

    /// <summary>Unique within the process, increasing.</summary>
    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Our end of the connection (Core's addrBind), or null for a transport without a socket.</summary>
    public IPEndPoint? LocalEndPoint { get; private init; }
    public PeerDirection Direction { get; }
    public PeerOptions Options { get; }
    public PeerCounters Counters { get; }

    /// <summary>Whitelist permissions of this connection (noban, download, ...).</summary>
    public PeerPermissions Permissions { get; internal set; }

    /// <summary>A -connect or -addnode connection: Core never punishes these for misbehaviour.</summary>
    public bool IsManual { get; internal set; }

    /// <summary>True from the end of the handshake until the disconnect starts.</summary>
    public bool IsConnected => IsHandshakeComplete && !IsClosing;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Completes once the connection is fully closed and the sink was told, with the reason.</summary>
    public Task<PeerDisconnect> Completion => _completion ?? throw new InvalidOperationException("peer not started");

    /// <summary>Where a misbehaving peer is reported; without one the peer disconnects itself.</summary>
    internal Action<Peer, string>? MisbehaviourHandler { get; set; }

    /// <summary>Bytes handed to the send queue and not yet taken by the socket (socket connections only).</summary>
    internal long QueuedSendBytes => _socket is null ? 0 : Counters.BytesSent - _socket.BytesSent;

    /// <summary>Bytes the socket delivered into the receive pipe, framed or not.</summary>
    internal long SocketBytesReceived => _socket?.BytesReceived ?? 0;

    internal void Start() => _completion = RunAsync();

    /// <summary>
    /// Starts an orderly disconnect: reads and sends stop, the socket closes, and <see cref="IPeerMessageSink.OnPeerDisconnected"/>
    /// runs once. Only the first call's reason counts; later calls do nothing.
    /// </summary>
    public void Disconnect(DisconnectReason reason, string detail = "")
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0) return;
        _disconnect = new PeerDisconnect(reason, detail);
        PeerLog.Disconnecting(_log, Id, RemoteEndPoint, reason, detail);
        _timer.Dispose();
        _transport.Input.CancelPendingRead();
        _transport.Output.CancelPendingFlush();
        _socket?.Abort();
    }

    /// <summary>Reports misbehaviour to the connection manager (or disconnects when there is none).</summary>
    public void Misbehaving(string reason)
    {
        var handler = MisbehaviourHandler;
        if (handler is null) Disconnect(DisconnectReason.Misbehaviour, reason);
        else handler(this, reason);
    }

    public override string ToString() => $"peer={Id} {RemoteEndPoint} {Direction}";

    private async Task<PeerDisconnect> RunAsync()
    {
        await Task.Yield();
        var timers = MaintenanceLoopAsync();
        try
        {
            if (Direction == PeerDirection.Outbound) await SendVersionAsync().ConfigureAwait(false);
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A fault of this node (a sink bug), not of the peer: close the connection and say so.
            PeerLog.Faulted(_log, e, Id);
            Disconnect(DisconnectReason.InternalError, e.Message);
        }
        Disconnect(DisconnectReason.Requested);
        await timers.ConfigureAwait(false);
        await CloseTransportAsync().ConfigureAwait(false);
        if (Direction == PeerDirection.Outbound) Options.Nonces.Release(_localNonce);
        try
        {
            _sink.OnPeerDisconnected(this, _disconnect);
        }
        catch (Exception e)
        {
            PeerLog.Faulted(_log, e, Id);
        }
        return _disconnect;
    }

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
