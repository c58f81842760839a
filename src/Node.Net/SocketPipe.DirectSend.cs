using System.Threading.Tasks.Sources;

namespace Node.Net;

// Direct sends: a large payload (a stored block being served) goes from the caller's buffer to the socket without
// being copied into the output pipe. The send pump does it once it has sent every byte written into the pipe before the
// request (counted on both sides: a read the pump made before the last of them was flushed does not hold them all), so
// the byte order on the connection is the order of the calls. One request at a time: the caller is the pipe's only
// writer (it holds the peer's send lock) until the request completes.
internal sealed partial class SocketPipe : IValueTaskSource<bool>
{
    private const int NoDirectSend = 0;
    private const int DirectRequested = 1;
    private const int DirectSending = 2;

    private ManualResetValueTaskSourceCore<bool> _directDone = new() { RunContinuationsAsynchronously = true };
    private ReadOnlyMemory<byte> _direct;
    private long _directAfter; // the pipe bytes to send first: all written before the request
    private long _pipeBytesSent; // the send pump's own count
    private int _directState;
    private int _sendPumpEnded;

    /// <summary>
    /// Sends <paramref name="bytes"/> after everything already flushed into <see cref="Output"/>; the caller writes nothing
    /// more to the pipe, and keeps the bytes unchanged, until the returned task completes: true once all of them went to
    /// the socket, false if the connection failed or closed first.
    /// </summary>
    public ValueTask<bool> SendDirectAsync(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty) return new ValueTask<bool>(true);
        _directDone.Reset();
        _direct = bytes;
        _directAfter = _outputWriter.Written;
        Interlocked.Exchange(ref _directState, DirectRequested);
        // Wakes the pump if it waits for pipe data; if it is busy, its next read returns at once.
        _output.Reader.CancelPendingRead();
        if (Volatile.Read(ref _sendPumpEnded) == 1) FailDirectSend();
        return new ValueTask<bool>(this, _directDone.Version);
    }

    /// <summary>
    /// The pump takes the pending request once it has sent the pipe bytes written before it; until then those bytes are
    /// flushed, so its next read returns them at once.
    /// </summary>
    private bool TakeDirectSend(out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        if (Volatile.Read(ref _directState) != DirectRequested || _pipeBytesSent < Volatile.Read(ref _directAfter)) return false;
        if (Interlocked.CompareExchange(ref _directState, DirectSending, DirectRequested) != DirectRequested) return false;
        bytes = _direct;
        return true;
    }

    private void CompleteDirectSend(bool sent)
    {
        _direct = default;
        Interlocked.Exchange(ref _directState, NoDirectSend);
        _directDone.SetResult(sent);
    }

    /// <summary>The pump has ended (or found it ended): a request it did not finish fails.</summary>
    private void FailDirectSend()
    {
        Interlocked.Exchange(ref _sendPumpEnded, 1);
        int state = Volatile.Read(ref _directState);
        if (state != NoDirectSend && Interlocked.CompareExchange(ref _directState, NoDirectSend, state) == state)
        {
            _direct = default;
            _directDone.SetResult(false);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _directDone.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _directDone.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _directDone.OnCompleted(continuation, state, token, flags);
}
