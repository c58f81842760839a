using System.Buffers;
using Node.Primitives;
using Node.Tests;

namespace Node.Wire.Tests;

/// <summary>The hot paths allocate nothing per message once warmed up (JIT and pools primed).</summary>
public class AllocationTests
{
    private sealed class CountingHandler : IMessageHandler
    {
        public int Items;
        public void OnVersion(VersionMessage message) { }
        public void OnVerack() { }
        public void OnPing(PingMessage message) => Items++;
        public void OnPong(PongMessage message) => Items++;
        public void OnGetHeaders(scoped LocatorMessage request) => Items += request.Locator.Length;
        public void OnGetBlocks(scoped LocatorMessage request) => Items += request.Locator.Length;
        public void OnHeaders(ReadOnlySpan<BlockHeader> headers) => Items += headers.Length;
        public void OnInv(ReadOnlySpan<InventoryVector> items) => Items += items.Length;
        public void OnGetData(ReadOnlySpan<InventoryVector> items) => Items += items.Length;
        public void OnNotFound(ReadOnlySpan<InventoryVector> items) => Items += items.Length;
        public void OnBlock(BlockMessage block) => Items += (int)block.Payload.Length;
        public void OnTx(TxMessage tx) => Items += (int)tx.Payload.Length;
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

    [Fact]
    public void Framing_and_dispatching_sync_messages_allocates_nothing()
    {
        var handler = new CountingHandler();
        var block = Sequences.Chunked(Framed.EncodeRaw(Command.Block, TestData.Bytes("blocks/mainnet-413567.raw")), 4096);
        var headers = Sequences.Chunked(Framed.Encode(new HeadersMessage(MessageCases.MainnetHeaders.Value[..2000])), 4096);
        var frames = new[] { block, headers }
            .Concat(new[] { "getdata", "inv", "getheaders", "ping", "verack" }.Select(n => Sequences.Split(MessageCases.Get(n).Frame, MessageCases.Get(n).Frame.Length / 2)))
            .ToArray();

        long allocated = Allocations.LeastPerRounds(() =>
        {
            foreach (var sequence in frames)
            {
                var buffer = sequence;
                FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame);
                MessageDispatcher.Dispatch(frame, handler);
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(handler.Items > 0);
    }

    [Fact]
    public void Writing_headers_and_raw_blocks_allocates_nothing()
    {
        var headers = MessageCases.MainnetHeaders.Value[..2000];
        var raw = TestData.Bytes("blocks/mainnet-413567.raw");
        var output = new ArrayBufferWriter<byte>(2 * 1024 * 1024);
        long allocated = Allocations.LeastPerRounds(() =>
        {
            output.ResetWrittenCount();
            var writer = new MessageWriter(output, Framed.Main);
            writer.Write(new HeadersMessage(headers));
            writer.WriteRaw(Command.Block, raw);
            writer.Write(new PingMessage(1));
        });
        Assert.Equal(0, allocated);
    }
}
