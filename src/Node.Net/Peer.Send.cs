using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Node.Wire;

namespace Node.Net;

// Sending. Any thread may send (the sync core, the ping timer, the receive task answering pings). Writers are
// serialized by one async lock held across write + flush, because a PipeWriter allows one writer and one pending
// flush at a time. Uncontended, a message is encoded straight into the pipe's memory; when another send holds
// the lock, the message is first encoded into a pooled buffer (a ref-struct message cannot wait) and copied in
// once the lock is ours. Back-pressure: above SendBufferPauseBytes queued, FlushAsync waits until the socket
// drains below SendBufferResumeBytes, so every sender waits and memory stays bounded by the limit plus one
// message per waiting sender.
public sealed partial class Peer
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>
    /// Queues a message for the peer. Completes when the send queue has room again (back-pressure), with false
    /// if the peer is disconnecting and the message was dropped.
    /// </summary>
    public ValueTask<bool> SendAsync<T>(in T message) where T : IMessagePayload, allows ref struct
    {
        if (IsClosing) return new ValueTask<bool>(false);
        if (!_sendLock.Wait(0)) return SendCopyAsync(message.Command, Encode(message));
        if (IsClosing) return Release(false);
        try
        {
            new MessageWriter(_transport.Output, _magic).Write(message);
            Counters.Sent(message.Command, MessageHeader.Size + message.PayloadSize);
        }
        catch
        {
            _sendLock.Release();
            throw;
        }
        return FlushAndRelease();
    }

    /// <summary>
    /// Queues an already serialized payload (a stored block, a transaction as received). The payload must stay
    /// unchanged until the returned task completes. The task may be pooled: take its result once, as for any
    /// <see cref="ValueTask{TResult}"/>.
    /// </summary>
    public ValueTask<bool> SendRawAsync(Command command, ReadOnlyMemory<byte> payload) =>
        SendRawAsync(command, new ReadOnlySequence<byte>(payload));

    /// <inheritdoc cref="SendRawAsync(Command, ReadOnlyMemory{byte})"/>
    public ValueTask<bool> SendRawAsync(Command command, ReadOnlySequence<byte> payload) =>
        IsClosing ? new ValueTask<bool>(false) : SendRawAsync(command, payload, FrameReader.Checksum(payload));

    /// <summary>
    /// Queues an already serialized payload whose message checksum the caller holds (a stored block with the
    /// checksum kept with it): nothing is hashed, the header takes <paramref name="checksum"/> as it is, so it
    /// must be <see cref="FrameReader.Checksum(ReadOnlySpan{byte})"/> of exactly these bytes. The payload must stay
    /// unchanged until the returned task completes.
    /// </summary>
    public ValueTask<bool> SendRawAsync(Command command, ReadOnlyMemory<byte> payload, uint checksum) =>
        SendRawAsync(command, new ReadOnlySequence<byte>(payload), checksum);

    private ValueTask<bool> SendRawAsync(Command command, ReadOnlySequence<byte> payload, uint checksum)
    {
        if (IsClosing) return new ValueTask<bool>(false);
        if (!_sendLock.Wait(0)) return SendRawLockedAsync(command, payload, checksum);
        return WriteRawAndFlush(command, payload, checksum);
    }

    private ValueTask<bool> WriteRawAndFlush(Command command, in ReadOnlySequence<byte> payload, uint checksum)
    {
        if (IsClosing) return Release(false);
        bool direct = _socket is not null && payload.IsSingleSegment && payload.Length >= Math.Max(Options.DirectSendBytes, DirectSendHead);
        try
        {
            var writer = new MessageWriter(_transport.Output, _magic);
            if (direct) writer.WriteRawHead(command, payload, checksum, DirectSendHead);
            else writer.WriteRaw(command, payload, checksum);
            Counters.Sent(command, MessageHeader.Size + payload.Length);
        }
        catch
        {
            _sendLock.Release();
            throw;
        }
        return direct ? FlushThenSendDirectAsync(payload.First[DirectSendHead..]) : FlushAndRelease();
    }

    // A payload of PeerOptions.DirectSendBytes or more (a block being served) goes from the caller's buffer to the socket
    // without a copy into the output pipe: the header and the first bytes go through the pipe, as one socket write, and
    // the rest straight after.
    private const int DirectSendHead = 16 * 1024 - MessageHeader.Size;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FlushThenSendDirectAsync(ReadOnlyMemory<byte> rest)
    {
        try
        {
            if (!Flushed(await _transport.Output.FlushAsync().ConfigureAwait(false))) return false;
            if (await _socket!.SendDirectAsync(rest).ConfigureAwait(false)) return true;
            Disconnect(DisconnectReason.SocketError, "send failed");
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask<bool> SendRawLockedAsync(Command command, ReadOnlySequence<byte> payload, uint checksum)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        return await WriteRawAndFlush(command, payload, checksum).ConfigureAwait(false);
    }

    private PooledBufferWriter Encode<T>(in T message) where T : IMessagePayload, allows ref struct
    {
        var buffer = new PooledBufferWriter(MessageHeader.Size + message.PayloadSize);
        new MessageWriter(buffer, _magic).Write(message);
        return buffer;
    }

    private async ValueTask<bool> SendCopyAsync(Command command, PooledBufferWriter framed)
    {
        using (framed)
        {
            await _sendLock.WaitAsync().ConfigureAwait(false);
            if (IsClosing) return await Release(false).ConfigureAwait(false);
            try
            {
                _transport.Output.Write(framed.WrittenSpan);
                Counters.Sent(command, framed.WrittenSpan.Length);
            }
            catch
            {
                _sendLock.Release();
                throw;
            }
            return await FlushAndRelease().ConfigureAwait(false);
        }
    }

    private ValueTask<bool> FlushAndRelease()
    {
        ValueTask<FlushResult> flush;
        try
        {
            flush = _transport.Output.FlushAsync();
        }
        catch
        {
            _sendLock.Release();
            throw;
        }
        if (!flush.IsCompletedSuccessfully) return AwaitFlushAsync(flush);
        return Release(Flushed(flush.Result));
    }

    private async ValueTask<bool> AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            return Flushed(await flush.ConfigureAwait(false));
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private bool Flushed(FlushResult result)
    {
        if (result.IsCanceled) return false;
        if (result.IsCompleted)
        {
            // The socket side is gone (send failed): nothing more can reach this peer.
            Disconnect(DisconnectReason.SocketError, "send failed");
            return false;
        }
        return true;
    }

    private ValueTask<bool> Release(bool sent)
    {
        _sendLock.Release();
        return new ValueTask<bool>(sent);
    }

    /// <summary>Waits out any send in progress, then closes both pipes and the socket.</summary>
    private async Task CloseTransportAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
            if (_socket is not null) await _socket.Completion.ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
