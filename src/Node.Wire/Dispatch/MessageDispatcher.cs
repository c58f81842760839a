using System.Buffers;
using System.Runtime.CompilerServices;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// Decodes a frame's payload by its command and hands the result to a handler. Headers and inventory
/// decode into pooled arrays and locators into the stack, so no message on the sync path allocates.
/// </summary>
public static class MessageDispatcher
{
    /// <summary>
    /// Returns <see cref="WireError.UnknownCommand"/>, without calling the handler, for a command this node
    /// has no codec for (Core ignores those); otherwise <see cref="WireError.None"/> after the handler ran.
    /// </summary>
    /// <exception cref="WireException">The payload is malformed for its command.</exception>
    public static WireError Dispatch<THandler>(in Frame frame, THandler handler) where THandler : IMessageHandler, allows ref struct
    {
        var payload = frame.Payload;
        switch (frame.Command)
        {
            case Command.Version: handler.OnVersion(VersionMessage.Decode(payload)); break;
            case Command.Verack: handler.OnVerack(); break;
            case Command.Ping: handler.OnPing(PingMessage.Decode(payload)); break;
            case Command.Pong: handler.OnPong(PongMessage.Decode(payload)); break;
            case Command.GetHeaders or Command.GetBlocks: DispatchLocator(frame.Command, payload, handler); break;
            case Command.Headers: DispatchHeaders(payload, handler); break;
            case Command.Inv or Command.GetData or Command.NotFound: DispatchInventory(frame.Command, payload, handler); break;
            case Command.Block: handler.OnBlock(new BlockMessage(payload)); break;
            case Command.Tx: handler.OnTx(new TxMessage(payload)); break;
            case Command.Reject: handler.OnReject(RejectMessage.Decode(payload)); break;
            case Command.SendHeaders: handler.OnSendHeaders(); break;
            case Command.FeeFilter: handler.OnFeeFilter(FeeFilterMessage.Decode(payload)); break;
            case Command.Addr: handler.OnAddr(AddrMessage.Decode(payload)); break;
            case Command.AddrV2: handler.OnAddrV2(AddrV2Message.Decode(payload)); break;
            case Command.SendAddrV2: handler.OnSendAddrV2(); break;
            case Command.GetAddr: handler.OnGetAddr(); break;
            case Command.WtxidRelay: handler.OnWtxidRelay(); break;
            case Command.SendCmpct: handler.OnSendCmpct(SendCmpctMessage.Decode(payload)); break;
            case Command.MemPool: handler.OnMemPool(); break;
            default: return WireError.UnknownCommand;
        }
        return WireError.None;
    }

    [SkipLocalsInit]
    private static void DispatchLocator<THandler>(Command command, in ReadOnlySequence<byte> payload, THandler handler)
        where THandler : IMessageHandler, allows ref struct
    {
        Span<Hash256> buffer = stackalloc Hash256[ProtocolLimits.MaxLocator];
        var request = LocatorMessage.Decode(command, payload, buffer);
        if (command == Command.GetHeaders) handler.OnGetHeaders(request);
        else handler.OnGetBlocks(request);
    }

    private static void DispatchHeaders<THandler>(in ReadOnlySequence<byte> payload, THandler handler)
        where THandler : IMessageHandler, allows ref struct
    {
        var pool = ArrayPool<BlockHeader>.Shared;
        var buffer = pool.Rent(HeadersMessage.ReadCount(payload));
        try
        {
            int count = HeadersMessage.Decode(payload, buffer);
            handler.OnHeaders(buffer.AsSpan(0, count));
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    private static void DispatchInventory<THandler>(Command command, in ReadOnlySequence<byte> payload, THandler handler)
        where THandler : IMessageHandler, allows ref struct
    {
        var pool = ArrayPool<InventoryVector>.Shared;
        var buffer = pool.Rent(InventoryMessage.ReadCount(payload));
        try
        {
            var items = buffer.AsSpan(0, InventoryMessage.Decode(payload, buffer));
            if (command == Command.Inv) handler.OnInv(items);
            else if (command == Command.GetData) handler.OnGetData(items);
            else handler.OnNotFound(items);
        }
        finally
        {
            pool.Return(buffer);
        }
    }
}
