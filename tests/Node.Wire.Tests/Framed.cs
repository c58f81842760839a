using System.Buffers;

namespace Node.Wire.Tests;

/// <summary>Encodes messages to whole frames and reads them back, asserting the frame layer succeeded.</summary>
internal static class Framed
{
    /// <summary>Mainnet magic: wire bytes f9 be b4 d9 read as u32 LE.</summary>
    public const uint Main = 0xD9B4BEF9;

    public static byte[] Encode<T>(in T message, uint magic = Main) where T : IMessagePayload, allows ref struct
    {
        var output = new ArrayBufferWriter<byte>();
        new MessageWriter(output, magic).Write(message);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] EncodeRaw(Command command, byte[] payload, uint magic = Main)
    {
        var output = new ArrayBufferWriter<byte>();
        new MessageWriter(output, magic).WriteRaw(command, payload);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads exactly one complete frame that fills the whole sequence.</summary>
    public static Frame ReadOne(ReadOnlySequence<byte> sequence, uint magic = Main)
    {
        var buffer = sequence;
        var status = FrameReader.TryReadFrame(ref buffer, magic, out var frame);
        Assert.Equal(FrameStatus.Complete, status);
        Assert.True(buffer.IsEmpty, "the frame should consume the whole buffer");
        Assert.Equal(sequence.End, buffer.Start);
        return frame;
    }

    public static Frame ReadOne(byte[] bytes, uint magic = Main) => ReadOne(new ReadOnlySequence<byte>(bytes), magic);
}
