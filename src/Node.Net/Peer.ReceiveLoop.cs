using System.Net.Sockets;
using Node.Wire;

namespace Node.Net;

// The receive loop: frames are found in place in the PipeReader's buffer and handled without copying. The reader
// is advanced past a frame only after its handler (and the sink's returned task) completed, so a consumer that
// holds a block stops further reads from this peer until it is done, as Core and btcd do.
public sealed partial class Peer
{
    private async Task ReceiveLoopAsync()
    {
        var input = _transport.Input;
        try
        {
            while (!IsClosing)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (!IsClosing)
                    {
                        var status = FrameReader.TryReadFrame(ref buffer, _magic, out var frame);
                        if (status == FrameStatus.NeedMoreData) break;
                        Counters.Received(MessageHeader.Size + frame.Payload.Length, Environment.TickCount64);
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
        if (e.Error == WireError.TooManyEntries) Misbehaving(100, $"{command}: {e.Message}");
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
