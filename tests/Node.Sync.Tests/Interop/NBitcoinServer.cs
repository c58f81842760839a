using System.Net;
using System.Net.Sockets;
using NBitcoin;
using NBitcoin.Protocol;

namespace Node.Sync.Tests.Interop;

/// <summary>
/// A serving peer written with NBitcoin's message types and serialization: it answers version, getheaders, getdata
/// and ping from a fixed chain of blocks (genesis first), for one connection at a time, until disposed.
/// </summary>
internal sealed class NBitcoinServer : IAsyncDisposable
{
    private const uint ProtocolVersion = 70016;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Network _network;
    private readonly List<Block> _chain;
    private readonly Dictionary<uint256, int> _heights = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly System.Collections.Concurrent.ConcurrentQueue<uint256> _locatorStarts = new();
    private int _served;

    public NBitcoinServer(Network network, List<Block> chain)
    {
        _network = network;
        _chain = chain;
        for (int h = 0; h < chain.Count; h++) _heights[chain[h].GetHash()] = h;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        _loop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public int BlocksServed => Volatile.Read(ref _served);

    /// <summary>The first locator hash of every getheaders received, in order.</summary>
    public IReadOnlyList<uint256> GetHeadersLocatorStarts => [.. _locatorStarts];

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            using (socket)
            {
                try
                {
                    Serve(socket);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // the other side went away, or we are stopping
                }
            }
        }
    }

    private void Serve(Socket socket)
    {
        using var stream = new NetworkStream(socket);
        using var stopOnCancel = _stop.Token.Register(socket.Dispose);
        void Send(Payload payload) =>
            new Message { Magic = _network.Magic, Payload = payload }.ReadWrite(new BitcoinStream(stream, true) { ProtocolVersion = ProtocolVersion });

        while (true)
        {
            var message = Message.ReadNext(stream, _network, ProtocolVersion, _stop.Token);
            switch (message.Payload)
            {
                case VersionPayload:
                    Send(new VersionPayload
                    {
                        Version = ProtocolVersion,
                        Services = NodeServices.Network | NodeServices.NODE_WITNESS,
                        Timestamp = DateTimeOffset.UtcNow,
                        AddressReceiver = socket.RemoteEndPoint!,
                        AddressFrom = new IPEndPoint(IPAddress.IPv6Any, 0),
                        Nonce = 0x4E42,
                        UserAgent = "/nbitcoin-server/",
                        StartHeight = _chain.Count - 1,
                        Relay = false,
                    });
                    Send(new VerAckPayload());
                    break;
                case PingPayload ping:
                    Send(new PongPayload { Nonce = ping.Nonce });
                    break;
                case GetHeadersPayload getHeaders:
                    _locatorStarts.Enqueue(getHeaders.BlockLocators.Blocks[0]);
                    Send(Headers(getHeaders));
                    break;
                case GetDataPayload getData:
                    foreach (var item in getData.Inventory)
                    {
                        if (!item.Type.HasFlag(InventoryType.MSG_BLOCK) || !_heights.TryGetValue(item.Hash, out int h))
                        {
                            Send(new NotFoundPayload(item));
                            continue;
                        }
                        Send(new BlockPayload(_chain[h]));
                        Interlocked.Increment(ref _served);
                    }
                    break;
            }
        }
    }

    /// <summary>Core's LocateHeaders: after the first locator hash on our chain (genesis if none), up to 2,000, to the stop hash.</summary>
    private HeadersPayload Headers(GetHeadersPayload request)
    {
        int fork = 0;
        foreach (var hash in request.BlockLocators.Blocks)
        {
            if (_heights.TryGetValue(hash, out fork)) break;
            fork = 0;
        }
        var reply = new HeadersPayload();
        for (int h = fork + 1; h < _chain.Count && reply.Headers.Count < 2000; h++)
        {
            reply.Headers.Add(_chain[h].Header);
            if (_chain[h].GetHash() == request.HashStop) break;
        }
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
