using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Node.Net;

/// <summary>
/// A connected TCP socket as a pair of pipes, with the two pumps between them: socket -> input pipe and
/// output pipe -> socket. Both pipes are bounded: the input pauses the socket reads when more than 1 MiB has
/// not been looked at by the reader (its segments are reserved in the shared pool when the connection is
/// made); the output makes writers' FlushAsync wait above the send
/// buffer limit, which is the back-pressure on everyone sending to this peer.
/// </summary>
internal sealed partial class SocketPipe : IDuplexPipe
{
    private const int InputSegment = 64 * 1024;
    private const int OutputSegment = 16 * 1024;

    // The pipe pauses on bytes its reader has not examined yet; an incomplete frame was examined, so a frame of any
    // size still arrives whole (and the reader's ReadAtLeastAsync resumes a paused writer). Past this much unread
    // input the socket waits in the kernel; the reader takes whole blocks out (copied) faster than that fills.
    private const long InputPause = 1024 * 1024;

    /// <summary>
    /// Segments one connection's input holds at most with frames up to 1 MB (a full legacy block): the buffer the reader
    /// examined (up to the pause threshold and one frame) and the unread bytes behind it (up to the threshold), and the
    /// segment being received into. Reserved in the pool per connection; larger frames grow it once.
    /// </summary>
    internal const int InputSegmentsPerConnection = (int)((2 * InputPause + 1_000_000) / InputSegment) + 2;

    // Up to 64 MiB of input and 16 MiB of output segments kept for reuse, process-wide.
    private static readonly SegmentPool InputSegments = new(InputSegment, 1024);
    private static readonly SegmentPool OutputSegments = new(OutputSegment, 1024);

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CountingPipeWriter _outputWriter;
    private long _bytesReceived;
    private long _bytesSent;
    private long _sendBlockedSince; // TickCount64 of the last progress of a pending socket send; 0 when none
    private int _aborted;

    public SocketPipe(Socket socket, long sendPauseBytes, long sendResumeBytes)
    {
        _socket = socket;
        try
        {
            _socket.NoDelay = true;
        }
        catch (SocketException)
        {
            // Reset before we got to it: the receive pump reports the failure and the peer disconnects.
        }
        InputSegments.Reserve(InputSegmentsPerConnection);
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: InputPause, resumeWriterThreshold: InputPause / 2,
            pool: InputSegments, minimumSegmentSize: InputSegment, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: sendPauseBytes, resumeWriterThreshold: sendResumeBytes,
            pool: OutputSegments, minimumSegmentSize: OutputSegment, useSynchronizationContext: false));
        _outputWriter = new CountingPipeWriter(_output.Writer);
        Completion = Task.WhenAll(Task.Run(ReceivePumpAsync), Task.Run(SendPumpAsync));
    }

    public PipeReader Input => _input.Reader;
    public PipeWriter Output => _outputWriter;

    /// <summary>Both pumps have ended (after <see cref="Abort"/>, a socket error or the remote closing).</summary>
    public Task Completion { get; }

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>How long the pending socket send has made no progress (zero when nothing is pending).</summary>
    public long SendStalledMilliseconds(long now)
    {
        long since = Volatile.Read(ref _sendBlockedSince);
        return since == 0 ? 0 : now - since;
    }

    /// <summary>Closes the socket; pending socket operations end and both pumps complete their pipes.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) return;
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { } // already reset by the remote side
        catch (ObjectDisposedException) { }
        _socket.Dispose();
    }

    private async Task ReceivePumpAsync()
    {
        var writer = _input.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(writer.GetMemory(InputSegment), SocketFlags.None).ConfigureAwait(false);
                if (n == 0) break;
                writer.Advance(n);
                Interlocked.Add(ref _bytesReceived, n);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (Volatile.Read(ref _aborted) == 0) error = e;
        }
        await writer.CompleteAsync(error).ConfigureAwait(false);
        InputSegments.Unreserve(InputSegmentsPerConnection);
    }

    private async Task SendPumpAsync()
    {
        var reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer) await SendAllAsync(segment).ConfigureAwait(false);
                _pipeBytesSent += buffer.Length;
                Volatile.Write(ref _sendBlockedSince, 0);
                reader.AdvanceTo(buffer.End);
                if (TakeDirectSend(out var direct))
                {
                    await SendAllAsync(direct).ConfigureAwait(false);
                    Volatile.Write(ref _sendBlockedSince, 0);
                    CompleteDirectSend(true);
                }
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (Volatile.Read(ref _aborted) == 0) error = e;
        }
        FailDirectSend();
        Volatile.Write(ref _sendBlockedSince, 0);
        // Completing the reader releases writers waiting in FlushAsync (they see IsCompleted).
        await reader.CompleteAsync(error).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        for (var rest = bytes; !rest.IsEmpty;)
        {
            Volatile.Write(ref _sendBlockedSince, Environment.TickCount64);
            int n = await _socket.SendAsync(rest, SocketFlags.None).ConfigureAwait(false);
            rest = rest[n..];
            Interlocked.Add(ref _bytesSent, n);
        }
    }
}
