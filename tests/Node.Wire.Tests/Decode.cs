using System.Buffers;

namespace Node.Wire.Tests;

internal static class Decode
{
    /// <summary>Decodes a payload as the given command through the dispatcher, as the peer layer will.</summary>
    public static WireError Payload(Command command, ReadOnlySequence<byte> payload) =>
        MessageDispatcher.Dispatch(new Frame(command, CommandNames.Of(command), payload, WireError.None), new RecordingHandler());

    public static WireError Payload(Command command, byte[] payload) => Payload(command, new ReadOnlySequence<byte>(payload));

    public static WireException Fails(Command command, byte[] payload) =>
        Assert.Throws<WireException>(() => Payload(command, payload));

    public static byte[] PayloadOf(string caseName) => MessageCases.Get(caseName).Frame[MessageHeader.Size..];
}
