using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// Receives decoded messages from <see cref="MessageDispatcher"/>. Spans and sequences handed in are
/// valid only during the call (they point into pooled buffers or the receive buffer).
/// </summary>
public interface IMessageHandler
{
    void OnVersion(VersionMessage message);
    void OnVerack();
    void OnPing(PingMessage message);
    void OnPong(PongMessage message);
    void OnGetHeaders(scoped LocatorMessage request);
    void OnGetBlocks(scoped LocatorMessage request);
    void OnHeaders(ReadOnlySpan<BlockHeader> headers);
    void OnInv(ReadOnlySpan<InventoryVector> items);
    void OnGetData(ReadOnlySpan<InventoryVector> items);
    void OnNotFound(ReadOnlySpan<InventoryVector> items);
    void OnBlock(BlockMessage block);
    void OnTx(TxMessage tx);
    void OnReject(RejectMessage message);
    void OnSendHeaders();
    void OnFeeFilter(FeeFilterMessage message);
    void OnAddr(AddrMessage message);
    void OnAddrV2(AddrV2Message message);
    void OnSendAddrV2();
    void OnGetAddr();
    void OnWtxidRelay();
    void OnSendCmpct(SendCmpctMessage message);
    void OnMemPool();
}
