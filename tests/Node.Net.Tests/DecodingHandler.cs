using Node.Primitives;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>Decodes every message as a consumer would and counts what it saw; decode errors surface as WireException.</summary>
internal sealed class DecodingHandler : IMessageHandler
{
    public int Headers { get; private set; }

    public void OnVersion(VersionMessage message) { }
    public void OnVerack() { }
    public void OnPing(PingMessage message) { }
    public void OnPong(PongMessage message) { }
    public void OnGetHeaders(scoped LocatorMessage request) { }
    public void OnGetBlocks(scoped LocatorMessage request) { }
    public void OnHeaders(ReadOnlySpan<BlockHeader> headers) => Headers += headers.Length;
    public void OnInv(ReadOnlySpan<InventoryVector> items) { }
    public void OnGetData(ReadOnlySpan<InventoryVector> items) { }
    public void OnNotFound(ReadOnlySpan<InventoryVector> items) { }
    public void OnBlock(BlockMessage block) { }
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
