using System.Buffers;

namespace Node.Wire.Tests;

public class DispatcherTests
{
    public static TheoryData<string> Names => MessageCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_command_reaches_its_handler_method_once(string name)
    {
        var c = MessageCases.Get(name);
        var handler = new RecordingHandler();
        Assert.Equal(WireError.None, MessageDispatcher.Dispatch(Framed.ReadOne(Sequences.Split(c.Frame, c.Frame.Length / 3)), handler));
        var expected = c.Command.ToString().ToLowerInvariant();
        Assert.Equal([expected], handler.Calls);
    }

    [Fact]
    public void Handler_receives_the_decoded_content()
    {
        var handler = new RecordingHandler();
        MessageDispatcher.Dispatch(Framed.ReadOne(MessageCases.Get("headers").Frame), handler);
        Assert.Equal(MessageCases.MainnetHeaders.Value.AsSpan(100, 3).ToArray(), (Primitives.BlockHeader[])handler.Last!);

        MessageDispatcher.Dispatch(Framed.ReadOne(MessageCases.Get("getdata").Frame), handler);
        Assert.Equal(MessageCases.Inventory(), (InventoryVector[])handler.Last!);

        MessageDispatcher.Dispatch(Framed.ReadOne(MessageCases.Get("getheaders").Frame), handler);
        Assert.Equal(MessageCases.Locator(12), (Primitives.Hash256[])handler.Last!);

        MessageDispatcher.Dispatch(Framed.ReadOne(MessageCases.Get("version").Frame), handler);
        Assert.Equal(MessageCases.Version, handler.Last);
    }

    [Fact]
    public void Unknown_command_is_reported_and_the_handler_is_not_called()
    {
        var handler = new RecordingHandler();
        var frame = new Frame(Command.Unknown, CommandName.FromAscii("sendtxrcncl"), new ReadOnlySequence<byte>(new byte[12]), WireError.None);
        Assert.Equal(WireError.UnknownCommand, MessageDispatcher.Dispatch(frame, handler));
        Assert.Empty(handler.Calls);
    }
}
