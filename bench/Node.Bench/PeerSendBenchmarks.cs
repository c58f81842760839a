using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Node.Net;
using Node.Primitives.Consensus;
using Node.Wire;

namespace Node.Bench;

/// <summary>
/// Serving a stored block: a handshaken inbound <see cref="Peer"/> on a real loopback socket sends a 1 MB block (with
/// the checksum stored beside it, as the serving core does) to a client thread that drains its socket; an operation
/// ends when the client has received the whole message. The baseline copies the block into the send pipe and sends it
/// in the pipe's 16 KB segments (<see cref="PeerOptions.DirectSendBytes"/> = int.MaxValue); the other sends all but
/// its first 16 KB straight from the block's buffer. Allocations are the whole process's.
/// </summary>
[MemoryDiagnoser]
public class PeerSendBenchmarks
{
    private byte[] _block = null!;
    private uint _checksum;
    private Server _copy = null!, _direct = null!;

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.RegtestFullBlock();
        _checksum = FrameReader.Checksum(_block);
        _copy = new Server(new PeerOptions { Network = ChainParams.Main, TimerResolution = TimeSpan.FromHours(1), DirectSendBytes = int.MaxValue });
        _direct = new Server(new PeerOptions { Network = ChainParams.Main, TimerResolution = TimeSpan.FromHours(1) });
        if (CopiedIntoThePipe() != _block.Length || StraightFromTheBuffer() != _block.Length) throw new InvalidOperationException("setup does not deliver");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _copy.Dispose();
        _direct.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int CopiedIntoThePipe() => _copy.Send(_block, _checksum);

    [Benchmark]
    public int StraightFromTheBuffer() => _direct.Send(_block, _checksum);

    /// <summary>The peer and a client that reads and discards everything on a thread of its own.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Socket _client;
        private readonly Peer _peer;
        private readonly Thread _drain;
        private readonly ManualResetEventSlim _sent = new();
        private readonly Action _setSent;
        private long _received;

        public Server(PeerOptions options)
        {
            _setSent = _sent.Set;
            (_peer, _client) = LoopbackPeer.Connect(options, new IgnoringSink(), nonce: 3);
            _drain = new Thread(Drain) { IsBackground = true, Name = "send-bench-client" };
            _drain.Start();
        }

        /// <summary>Sends the block and waits until the client has it all; returns the payload length.</summary>
        public int Send(byte[] block, uint checksum)
        {
            long target = Volatile.Read(ref _received) + MessageHeader.Size + block.Length;
            var send = _peer.SendRawAsync(Command.Block, block, checksum);
            if (!send.IsCompleted)
            {
                // Waited for without wrapping it in a Task, which would be this harness's allocation, not the send's.
                _sent.Reset();
                send.GetAwaiter().UnsafeOnCompleted(_setSent);
                _sent.Wait();
            }
            if (!send.Result) throw new InvalidOperationException("not sent");
            var spin = new SpinWait();
            while (Volatile.Read(ref _received) < target) spin.SpinOnce();
            return block.Length;
        }

        private void Drain()
        {
            var buffer = new byte[256 * 1024];
            try
            {
                while (true)
                {
                    int n = _client.Receive(buffer);
                    if (n == 0) return;
                    Interlocked.Add(ref _received, n);
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _peer.Disconnect(DisconnectReason.Requested);
            _peer.Completion.GetAwaiter().GetResult();
            _client.Dispose();
            _drain.Join();
        }
    }

    private sealed class IgnoringSink : IPeerMessageSink
    {
        public void OnPeerConnected(Peer peer) { }
        public void OnPeerDisconnected(Peer peer, PeerDisconnect reason) { }
        public ValueTask OnMessageAsync(Peer peer, in Frame frame) => default;
    }
}
