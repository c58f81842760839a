using Node.Tests;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NBitcoin;
using NBitcoin.Protocol;
using Node.Wire;
using BlockHeader = Node.Primitives.BlockHeader;

namespace Node.Bench;

/// <summary>Framing and decoding on real mainnet data, with NBitcoin as the baseline where it does the same work.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WireBenchmarks
{
    private const uint MainMagic = 0xD9B4BEF9; // wire bytes f9 be b4 d9

    private byte[] _headersPayload = null!;
    private ReadOnlySequence<byte> _headersSingle;
    private ReadOnlySequence<byte> _headers4K;
    private readonly BlockHeader[] _headerBuffer = new BlockHeader[ProtocolLimits.MaxHeaders];
    private BlockHeader[] _headers = null!;
    private ReadOnlySequence<byte> _blockFrame4K;
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        var raw = BenchData.Bytes("headers/mainnet-0-10236.hdr");
        _headers = new BlockHeader[ProtocolLimits.MaxHeaders];
        for (int i = 0; i < _headers.Length; i++) _headers[i] = BlockHeader.Read(raw.AsSpan(i * BlockHeader.Size));

        var writer = new ArrayBufferWriter<byte>();
        new MessageWriter(writer, MainMagic).Write(new HeadersMessage(_headers));
        _headersPayload = writer.WrittenSpan[MessageHeader.Size..].ToArray();
        _headersSingle = new ReadOnlySequence<byte>(_headersPayload);
        _headers4K = Sequences.Chunked(_headersPayload, 4096);

        writer.Clear();
        new MessageWriter(writer, MainMagic).WriteRaw(Command.Block, BenchData.Bytes("blocks/mainnet-413567.raw"));
        _blockFrame4K = Sequences.Chunked(writer.WrittenSpan.ToArray(), 4096);

        if (DecodeHeaders() != 2000 || DecodeHeaders4K() != 2000 || NBitcoinHeaders() != 2000 || FrameBlock4K() != 999_887)
            throw new InvalidOperationException("benchmark setup does not decode");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("headers-2000")]
    public int NBitcoinHeaders()
    {
        var payload = new HeadersPayload();
        payload.ReadWrite(new BitcoinStream(_headersPayload) { ConsensusFactory = Network.Main.Consensus.ConsensusFactory });
        return payload.Headers.Count;
    }

    [Benchmark, BenchmarkCategory("headers-2000")]
    public int DecodeHeaders() => HeadersMessage.Decode(_headersSingle, _headerBuffer);

    [Benchmark, BenchmarkCategory("headers-2000")]
    public int DecodeHeaders4K() => HeadersMessage.Decode(_headers4K, _headerBuffer);

    [Benchmark, BenchmarkCategory("headers-2000")]
    public int WriteHeaders()
    {
        _output.ResetWrittenCount();
        new MessageWriter(_output, MainMagic).Write(new HeadersMessage(_headers));
        return _output.WrittenCount;
    }

    /// <summary>Locate a 1 MB block frame delivered as 4 KB segments and verify its checksum (SHA256d of 1 MB).</summary>
    [Benchmark, BenchmarkCategory("block-1MB")]
    public long FrameBlock4K()
    {
        var buffer = _blockFrame4K;
        if (FrameReader.TryReadFrame(ref buffer, MainMagic, out var frame) != FrameStatus.Complete)
            throw new InvalidOperationException("frame expected");
        return new BlockMessage(frame.Payload).Payload.Length;
    }
}
