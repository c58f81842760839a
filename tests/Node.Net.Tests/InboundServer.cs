using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Node.Net.Tests;

/// <summary>A loopback listener that turns every accepted socket into an inbound <see cref="Peer"/>.</summary>
internal sealed class InboundServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Channel<Peer> _accepted = Channel.CreateUnbounded<Peer>();
    private readonly List<Peer> _peers = [];
    private readonly Task _acceptLoop;

    public InboundServer(PeerOptions options, RecordingSink? sink = null)
    {
        Options = options;
        Sink = sink ?? new RecordingSink();
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public PeerOptions Options { get; }
    public RecordingSink Sink { get; }
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public async Task<Peer> NextPeerAsync() => await _accepted.Reader.ReadAsync().AsTask().Within();

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync();
                var peer = Peer.Accept(socket, Options, Sink);
                lock (_peers) _peers.Add(peer);
                _accepted.Writer.TryWrite(peer);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _acceptLoop;
        List<Peer> peers;
        lock (_peers) peers = [.. _peers];
        foreach (var peer in peers) peer.Disconnect(DisconnectReason.Requested, "test over");
        await Task.WhenAll(peers.Select(p => p.Completion)).Within();
    }
}
