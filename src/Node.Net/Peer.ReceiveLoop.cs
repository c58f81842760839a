using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Node.Wire;

namespace Node.Net;

// The receive loop: frames are found in place in the PipeReader's buffer and handled without copying. The reader
// is advanced past a frame only after its handler (and the sink's returned task) completed, so a consumer that
// holds a message stops further reads from this peer until it is done, as Core and btcd do.
public sealed partial class Peer
{
    private async Task ReceiveLoopAsync()
    {
        var input = _transport.Input;
        bool deferBlockChecksum = _sink.VerifiesLargeBlockChecksums;
        int needed = 0;
        try
        {
            while (!IsClosing)
            {
                // Once a frame's header is in, wake up only when the whole frame is (a 1 MB block arrives in many socket
                // reads). The pipe counts bytes not yet examined, and everything buffered was.
                var result = await (needed > 0 ? input.ReadAtLeastAsync(needed) : input.ReadAsync()).ConfigureAwait(false);
                var buffer = result.Buffer;
                needed = 0;
                try
                {
                    while (!IsClosing)
                    {
                        var status = FrameReader.TryReadFrame(ref buffer, _magic, deferBlockChecksum, out var frame);
                        if (status == FrameStatus.NeedMoreData)
                        {
                            needed = MissingBytes(buffer);
                            break;
                        }
                        Counters.Received(frame.Command, MessageHeader.Size + frame.Payload.Length, Environment.TickCount64);
                        if (status == FrameStatus.Dropped)
                        {
                            // Core drops a message with a bad checksum or a malformed command and keeps the peer.
                            PeerLog.Dropped(_log, Id, frame.Error, frame.Name);
                            continue;
                        }
                        await HandleFrameAsync(frame).ConfigureAwait(false);
                    }
                }
                catch (WireException e) when (e.Error is WireError.WrongMagic or WireError.OversizedPayload)
                {
                    Disconnect(e.Error == WireError.WrongMagic ? DisconnectReason.WrongMagic : DisconnectReason.OversizedPayload,
                        e.Message);
                }
                finally
                {
                    if (!IsClosing) input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted)
                {
                    Disconnect(DisconnectReason.RemoteClosed, "connection closed by peer");
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Disconnect(DisconnectReason.SocketError, e.Message);
        }
    }

    /// <summary>
    /// The bytes the incomplete frame at the start of <paramref name="buffer"/> still lacks once its header is in (the
    /// frame reader checked the header's length against the limit), else 0.
    /// </summary>
    private static int MissingBytes(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Size) return 0;
        Span<byte> header = stackalloc byte[MessageHeader.Size];
        buffer.Slice(0, MessageHeader.Size).CopyTo(header);
        return (int)(MessageHeader.Size + MessageHeader.Read(header).PayloadLength - buffer.Length);
    }

    private ValueTask HandleFrameAsync(in Frame frame)
    {
        ValueTask pending;
        try
        {
            pending = ProcessFrame(frame);
        }
        catch (WireException e)
        {
            OnBadPayload(frame.Command, e);
            return default;
        }
        return pending.IsCompletedSuccessfully ? default : AwaitHandlerAsync(pending, frame.Command);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitHandlerAsync(ValueTask pending, Command command)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (WireException e)
        {
            OnBadPayload(command, e);
        }
    }

    /// <summary>
    /// Core's reading of a payload that does not decode: a list over its protocol limit is misbehaviour; any
    /// other deserialization failure is logged and the message ignored (ProcessMessages catches the exception).
    /// </summary>
    private void OnBadPayload(Command command, WireException e)
    {
        PeerLog.BadPayload(_log, Id, command, e.Error, e.Message);
        if (e.Error == WireError.TooManyEntries) Misbehaving($"{command}: {e.Message}");
    }

    private ValueTask ProcessFrame(in Frame frame)
    {
        var command = frame.Command;
        if (command == Command.Unknown) return default; // no codec for it: ignored, as Core does
        if (PeerVersion is null)
        {
            if (command == Command.Version) return OnVersionAsync(VersionMessage.Decode(frame.Payload));
            PeerLog.BeforeVersion(_log, Id, command);
            return default;
        }
        switch (command)
        {
            case Command.Version:
                PeerLog.RedundantVersion(_log, Id);
                return default;
            case Command.Verack:
                return OnVerackAsync();
            case Command.WtxidRelay or Command.SendAddrV2:
                OnPreVerackFeature(command);
                return default;
        }
        if (!IsHandshakeComplete)
        {
            PeerLog.BeforeVerack(_log, Id, command);
            return default;
        }
        switch (command)
        {
            case Command.Ping:
                var pong = SendAsync(new PongMessage(PingMessage.Decode(frame.Payload).Nonce));
                return pong.IsCompletedSuccessfully ? default : new ValueTask(pong.AsTask());
            case Command.Pong:
                OnPong(PongMessage.Decode(frame.Payload));
                return default;
            default:
                return _sink.OnMessageAsync(this, frame);
        }
    }
}
