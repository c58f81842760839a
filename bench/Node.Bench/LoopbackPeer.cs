using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Node.Net;
using Node.Wire;

namespace Node.Bench;

/// <summary>An inbound <see cref="Peer"/> on a real 127.0.0.1 socket, handshaken by a raw client socket the benchmark drives.</summary>
public static class LoopbackPeer
{
    /// <summary>
    /// Connects a client to a fresh inbound peer, sends its version and verack, and returns once the peer counts the
    /// handshake done. What the peer sends back (a few hundred bytes) waits in the client's socket buffer.
    /// </summary>
    public static (Peer Peer, Socket Client) Connect(PeerOptions options, IPeerMessageSink sink, ulong nonce)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        var accepted = listener.Accept();
        var peer = Peer.Create(accepted, (IPEndPoint)accepted.RemoteEndPoint!, PeerDirection.Inbound, options, sink, null);
        peer.Start();
        uint magic = options.Network.Magic;
        client.Send(Frame(magic, w => w.Write(new VersionMessage
        {
            Version = ProtocolVersions.Current, Services = ServiceFlags.Desirable, Nonce = nonce, UserAgent = "/bench/", StartHeight = 0,
        })));
        client.Send(Frame(magic, w => w.Write(new EmptyMessage(Command.Verack))));
        if (!SpinWait.SpinUntil(() => peer.IsConnected, TimeSpan.FromSeconds(30))) throw new InvalidOperationException("no handshake");
        return (peer, client);
    }

    /// <summary>A whole framed message, as a peer on <paramref name="magic"/>'s network receives it.</summary>
    public static byte[] Frame(uint magic, Action<MessageWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new MessageWriter(buffer, magic));
        return buffer.WrittenSpan.ToArray();
    }
}
