using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NBitcoin;
using NBitcoin.Protocol;
using Node.Net;
using Node.Primitives.Consensus;
using Node.Wire;
using BlockHeader = Node.Primitives.BlockHeader;
using InventoryType = Node.Wire.InventoryType;
using InventoryVector = Node.Wire.InventoryVector;

namespace Node.Bench;

/// <summary>
/// A handshaken inbound <see cref="Peer"/> over an in-memory pipe whose reader runs inline: each operation writes
/// one framed message into the pipe and returns once the peer's receive loop framed it, checked the checksum,
/// delivered it to a sink that decodes it, and advanced the reader. Allocations are the whole process's
/// (BenchmarkDotNet counts every thread), so they include the receive loop. NBitcoin reading the same frame
/// from a stream is the baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PeerReceiveBenchmarks
{
    private static readonly ChainParams Net = ChainParams.Main;

    private readonly Pipe _input = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0, minimumSegmentSize: 64 * 1024, useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly CountingSink _sink = new();
    private Peer _peer = null!;
    private byte[] _headers = null!, _inv = null!, _getData = null!, _block = null!;
    private readonly MemoryStream _stream = new();
    private readonly ManualResetEventSlim _delivered = new();
    private CountingSink _socketSink = null!;
    private Socket _client = null!;
    private Peer _socketPeer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var raw = BenchData.Bytes("headers/mainnet-0-10236.hdr");
        var headers = new BlockHeader[ProtocolLimits.MaxHeaders];
        for (int i = 0; i < headers.Length; i++) headers[i] = BlockHeader.Read(raw.AsSpan(i * BlockHeader.Size));
        var items = new InventoryVector[1000];
        for (int i = 0; i < items.Length; i++) items[i] = new InventoryVector(InventoryType.WitnessBlock, headers[i].GetHash());
        _headers = Frame(w => w.Write(new HeadersMessage(headers)));
        _inv = Frame(w => w.Write(new InventoryMessage(Command.Inv, items)));
        _getData = Frame(w => w.Write(new InventoryMessage(Command.GetData, items)));
        _block = Frame(w => w.WriteRaw(Command.Block, BenchData.Bytes("blocks/mainnet-413567.raw")));

        var options = new PeerOptions { Network = Net, TimerResolution = TimeSpan.FromHours(1) };
        _peer = new Peer(new DuplexPipe(_input.Reader, _output.Writer), null, new IPEndPoint(IPAddress.Loopback, 8333),
            PeerDirection.Inbound, options, _sink, null);
        _peer.Start();
        Feed(Frame(w => w.Write(new VersionMessage
        {
            Version = ProtocolVersions.Current, Services = ServiceFlags.Desirable, Nonce = 1, UserAgent = "/bench/", StartHeight = 0,
        })));
        Feed(Frame(w => w.Write(new EmptyMessage(Command.Verack))));
        if (!SpinWait.SpinUntil(() => _peer.IsConnected, TimeSpan.FromSeconds(30))) throw new InvalidOperationException("no handshake");
        if (Headers() != 2000 || Inv() != 1000 || Block() != 1) throw new InvalidOperationException("benchmark setup does not deliver");
        SetupLoopback(options);
        if (LoopbackBlock() != 1) throw new InvalidOperationException("loopback setup does not deliver");
    }

    private void SetupLoopback(PeerOptions options)
    {
        _socketSink = new CountingSink(_delivered);
        (_socketPeer, _client) = LoopbackPeer.Connect(options, _socketSink, nonce: 2);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Disconnect(DisconnectReason.Requested);
        _input.Writer.Complete();
        _peer.Completion.GetAwaiter().GetResult();
        _socketPeer.Disconnect(DisconnectReason.Requested);
        _socketPeer.Completion.GetAwaiter().GetResult();
        _client.Dispose();
    }

    /// <summary>The same block through a real loopback socket: the socket pump and the pipe included.</summary>
    [Benchmark, BenchmarkCategory("block-1MB-loopback")]
    public int LoopbackBlock()
    {
        _socketSink.Reset();
        _delivered.Reset();
        _client.Send(_block);
        _delivered.Wait();
        return _socketSink.Blocks;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("headers-2000")]
    public int NBitcoinHeaders() => ((HeadersPayload)ReadWithNBitcoin(_headers)).Headers.Count;

    [Benchmark, BenchmarkCategory("headers-2000")]
    public int Headers() => Deliver(_headers).Headers;

    [Benchmark(Baseline = true), BenchmarkCategory("inv-1000")]
    public int NBitcoinInv() => ((InvPayload)ReadWithNBitcoin(_inv)).Inventory.Count;

    [Benchmark, BenchmarkCategory("inv-1000")]
    public int Inv() => Deliver(_inv).Inventory;

    [Benchmark, BenchmarkCategory("getdata-1000")]
    public int GetData() => Deliver(_getData).Inventory;

    [Benchmark(Baseline = true), BenchmarkCategory("block-1MB")]
    public int NBitcoinBlock() => ((BlockPayload)ReadWithNBitcoin(_block)).Object.Transactions.Count;

    [Benchmark, BenchmarkCategory("block-1MB")]
    public int Block() => Deliver(_block).Blocks;

    private CountingSink Deliver(byte[] frame)
    {
        _sink.Reset();
        Feed(frame);
        // Steady state: already delivered inside Feed. Only right after setup can the loop still be on its way
        // back to ReadAsync on another thread.
        while (Volatile.Read(ref _sink.Messages) == 0) Thread.SpinWait(20);
        return _sink;
    }

    // With the inline reader scheduler the peer's receive loop runs inside this flush.
    private void Feed(byte[] frame)
    {
        _input.Writer.Write(frame);
        _input.Writer.FlushAsync().GetAwaiter().GetResult();
    }

    private Payload ReadWithNBitcoin(byte[] frame)
    {
        _stream.SetLength(0);
        _stream.Write(frame);
        _stream.Position = 0;
        return Message.ReadNext(_stream, NBitcoin.Network.Main, ProtocolVersions.Current, default).Payload;
    }

    private static byte[] Frame(Action<MessageWriter> write) => LoopbackPeer.Frame(Net.Magic, write);

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>A consumer that decodes what it is given, as the sync core will, and counts it.</summary>
    private sealed class CountingSink(ManualResetEventSlim? delivered = null) : IPeerMessageSink, IMessageHandler
    {
        public int Headers, Inventory, Blocks, Messages;

        public void Reset() => Headers = Inventory = Blocks = Messages = 0;

        public void OnPeerConnected(Peer peer) { }
        public void OnPeerDisconnected(Peer peer, PeerDisconnect reason) { }

        public ValueTask OnMessageAsync(Peer peer, in Frame frame)
        {
            MessageDispatcher.Dispatch(frame, this);
            Volatile.Write(ref Messages, Messages + 1);
            delivered?.Set();
            return default;
        }

        public void OnHeaders(ReadOnlySpan<BlockHeader> headers) => Headers += headers.Length;
        public void OnInv(ReadOnlySpan<InventoryVector> items) => Inventory += items.Length;
        public void OnGetData(ReadOnlySpan<InventoryVector> items) => Inventory += items.Length;
        public void OnBlock(BlockMessage block) => Blocks++;
        public void OnVersion(VersionMessage message) { }
        public void OnVerack() { }
        public void OnPing(PingMessage message) { }
        public void OnPong(PongMessage message) { }
        public void OnGetHeaders(scoped LocatorMessage request) { }
        public void OnGetBlocks(scoped LocatorMessage request) { }
        public void OnNotFound(ReadOnlySpan<InventoryVector> items) { }
        public void OnTx(TxMessage tx) { }
        public void OnReject(RejectMessage message) { }
        public void OnSendHeaders() { }
        public void OnFeeFilter(FeeFilterMessage message) { }
        public void OnAddr(AddrMessage message) { }
        public void OnAddrV2(AddrV2Message message) { }
        public void OnSendAddrV2() { }
        public void OnGetAddr() { }
        public void OnWtxidRelay() { }
        public void OnSendCmpct(SendCmpctMessage message) { }
        public void OnMemPool() { }
    }
}
