using System.Buffers;
using System.Threading.Channels;
using Node.Net;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>A test client's sink: every message a node sends us, copied, in order, with its header checksum.</summary>
internal sealed class ClientSink : IPeerMessageSink
{
    private readonly Channel<(Command Command, byte[] Payload, uint Checksum)> _messages = Channel.CreateUnbounded<(Command, byte[], uint)>();
    private readonly TaskCompletionSource<Peer> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Peer> Connected => _connected.Task;

    public void OnPeerConnected(Peer peer) => _connected.TrySetResult(peer);

    public ValueTask OnMessageAsync(Peer peer, in Frame frame)
    {
        _messages.Writer.TryWrite((frame.Command, BuffersExtensions.ToArray(frame.Payload), frame.Checksum));
        return default;
    }

    public void OnPeerDisconnected(Peer peer, PeerDisconnect reason) => _messages.Writer.TryComplete();

    /// <summary>The next message of one of the commands (others, such as pings or feefilter, are skipped).</summary>
    public async Task<(Command Command, byte[] Payload, uint Checksum)> NextAsync(params Command[] commands)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(timeout.Token);
            if (commands.Contains(message.Command)) return message;
        }
    }
}
