using System.Buffers;
using System.Threading.Channels;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>A sink that records what peers deliver, for tests to await.</summary>
internal sealed class RecordingSink : IPeerMessageSink
{
    private readonly DecodingHandler _decoder = new();
    private int _connectedCalls;
    private int _disconnectedCalls;

    public Channel<Peer> Connected { get; } = Channel.CreateUnbounded<Peer>();
    public Channel<(Peer Peer, PeerDisconnect Reason)> Disconnected { get; } = Channel.CreateUnbounded<(Peer, PeerDisconnect)>();
    public Channel<(Peer Peer, Command Command, byte[] Payload)> Messages { get; } = Channel.CreateUnbounded<(Peer, Command, byte[])>();

    public int ConnectedCalls => Volatile.Read(ref _connectedCalls);
    public int DisconnectedCalls => Volatile.Read(ref _disconnectedCalls);

    /// <summary>When set, the next block message is held until this completes (the consumer keeps the bytes).</summary>
    public TaskCompletionSource? HoldBlocks { get; set; }

    /// <summary>The payload of the held block, not copied: still the receive buffer's memory.</summary>
    public ReadOnlySequence<byte> HeldPayload { get; private set; }

    public void OnPeerConnected(Peer peer)
    {
        Interlocked.Increment(ref _connectedCalls);
        Connected.Writer.TryWrite(peer);
    }

    public ValueTask OnMessageAsync(Peer peer, in Frame frame)
    {
        MessageDispatcher.Dispatch(frame, _decoder);
        Messages.Writer.TryWrite((peer, frame.Command, frame.Payload.ToArray()));
        if (frame.Command == Command.Block && HoldBlocks is { } hold)
        {
            HeldPayload = frame.Payload;
            return new ValueTask(hold.Task);
        }
        return default;
    }

    public void OnPeerDisconnected(Peer peer, PeerDisconnect reason)
    {
        Interlocked.Increment(ref _disconnectedCalls);
        Disconnected.Writer.TryWrite((peer, reason));
    }

    public async Task<Peer> NextConnectedAsync() => await Connected.Reader.ReadAsync().AsTask().Within();

    public async Task<(Peer Peer, PeerDisconnect Reason)> NextDisconnectedAsync() =>
        await Disconnected.Reader.ReadAsync().AsTask().Within();

    public async Task<(Peer Peer, Command Command, byte[] Payload)> NextMessageAsync() =>
        await Messages.Reader.ReadAsync().AsTask().Within();
}
