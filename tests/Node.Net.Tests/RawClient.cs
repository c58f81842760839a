using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Node.Primitives.Consensus;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>A plain socket speaking bytes: for hostile input and for checking exactly what our peer sends.</summary>
internal sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly uint _magic = ChainParams.Regtest.Magic;
    private byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<RawClient> ConnectAsync(IPEndPoint endpoint, int? receiveBufferSize = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferSize is { } size) socket.ReceiveBufferSize = size;
        await socket.ConnectAsync(endpoint).WaitAsync(TestPeers.Timeout);
        return new RawClient(socket);
    }

    public static VersionMessage Version(int version = ProtocolVersions.Current, ulong services = ServiceFlags.Desirable, ulong nonce = 0x1234) => new()
    {
        Version = version,
        Services = services,
        Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Receiver = NetworkAddress.From(IPAddress.Loopback, 18444),
        Nonce = nonce,
        UserAgent = "/raw-client/",
        StartHeight = 0,
    };

    public static byte[] Frame<T>(in T message, uint magic = 0) where T : IMessagePayload, allows ref struct
    {
        var writer = new ArrayBufferWriter<byte>();
        new MessageWriter(writer, magic == 0 ? ChainParams.Regtest.Magic : magic).Write(message);
        return writer.WrittenSpan.ToArray();
    }

    public async Task SendBytesAsync(byte[] bytes) => await _socket.SendAsync(bytes, SocketFlags.None).Within();

    public Task SendAsync<T>(T message) where T : IMessagePayload => SendBytesAsync(Frame(message));

    /// <summary>The next whole frame, or null when the connection closed.</summary>
    public async Task<(Command Command, byte[] Payload)?> ReadFrameAsync()
    {
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_buffer, 0, _filled);
            if (FrameReader.TryReadFrame(ref sequence, _magic, out var frame) == FrameStatus.Complete)
            {
                var found = (frame.Command, frame.Payload.ToArray());
                int consumed = (int)sequence.Start.GetInteger();
                _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                _filled -= consumed;
                return found;
            }
            if (_filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int n;
            try
            {
                n = await _socket.ReceiveAsync(_buffer.AsMemory(_filled)).AsTask().Within();
            }
            catch (SocketException)
            {
                return null; // reset by our peer: closed as well
            }
            if (n == 0) return null;
            _filled += n;
        }
    }

    /// <summary>Reads frames until one with <paramref name="command"/>; returns the commands seen before it.</summary>
    public async Task<(List<Command> Before, byte[] Payload)> ReadUntilAsync(Command command)
    {
        var before = new List<Command>();
        while (true)
        {
            var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"closed while waiting for {command}");
            if (frame.Command == command) return (before, frame.Payload);
            before.Add(frame.Command);
        }
    }

    /// <summary>Reads and discards until the connection is closed by the other side.</summary>
    public async Task WaitClosedAsync()
    {
        while (await ReadFrameAsync() is not null)
        {
        }
    }

    /// <summary>Completes an inbound handshake with our peer: our version, their version..verack, our verack.</summary>
    public async Task<List<Command>> HandshakeAsync(int version = ProtocolVersions.Current, ulong services = ServiceFlags.Desirable)
    {
        await SendAsync(Version(version, services));
        var (before, _) = await ReadUntilAsync(Command.Verack);
        await SendAsync(new EmptyMessage(Command.Verack));
        return before;
    }

    public void Dispose() => _socket.Dispose();
}
