using System.Buffers;
using Node.Primitives;

namespace Node.Wire.Tests;

/// <summary>Records which handler method ran and what it received (copied out of the borrowed spans).</summary>
internal sealed class RecordingHandler : IMessageHandler
{
    public List<string> Calls { get; } = [];
    public object? Last { get; private set; }

    private void Record(string call, object? value = null)
    {
        Calls.Add(call);
        Last = value;
    }

    public void OnVersion(VersionMessage message) => Record("version", message);
    public void OnVerack() => Record("verack");
    public void OnPing(PingMessage message) => Record("ping", message);
    public void OnPong(PongMessage message) => Record("pong", message);
    public void OnGetHeaders(scoped LocatorMessage request) => Record("getheaders", request.Locator.ToArray());
    public void OnGetBlocks(scoped LocatorMessage request) => Record("getblocks", request.Locator.ToArray());
    public void OnHeaders(ReadOnlySpan<BlockHeader> headers) => Record("headers", headers.ToArray());
    public void OnInv(ReadOnlySpan<InventoryVector> items) => Record("inv", items.ToArray());
    public void OnGetData(ReadOnlySpan<InventoryVector> items) => Record("getdata", items.ToArray());
    public void OnNotFound(ReadOnlySpan<InventoryVector> items) => Record("notfound", items.ToArray());
    public void OnBlock(BlockMessage block) => Record("block", block.Payload.ToArray());
    public void OnTx(TxMessage tx) => Record("tx", tx.Payload.ToArray());
    public void OnReject(RejectMessage message) => Record("reject", message);
    public void OnSendHeaders() => Record("sendheaders");
    public void OnFeeFilter(FeeFilterMessage message) => Record("feefilter", message);
    public void OnAddr(AddrMessage message) => Record("addr", message);
    public void OnAddrV2(AddrV2Message message) => Record("addrv2", message);
    public void OnSendAddrV2() => Record("sendaddrv2");
    public void OnGetAddr() => Record("getaddr");
    public void OnWtxidRelay() => Record("wtxidrelay");
    public void OnSendCmpct(SendCmpctMessage message) => Record("sendcmpct", message);
    public void OnMemPool() => Record("mempool");
}
