namespace Node.Wire.Tests;

/// <summary>Every message: encode, frame, decode, equal; and the frame split anywhere still reads.</summary>
public class RoundTripTests
{
    public static TheoryData<string> Names => MessageCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Encoded_frame_reads_back_with_the_same_command_and_content(string name)
    {
        var c = MessageCases.Get(name);
        var frame = Framed.ReadOne(c.Frame);
        Assert.Equal(c.Command, frame.Command);
        Assert.Equal(CommandNames.Of(c.Command), frame.Name);
        Assert.Equal(WireError.None, frame.Error);
        Assert.Equal(c.Frame.Length - MessageHeader.Size, frame.Payload.Length);
        c.AssertDecodes(frame.Payload);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_split_into_two_segments_reads_and_decodes(string name)
    {
        var c = MessageCases.Get(name);
        for (int cut = 0; cut <= c.Frame.Length; cut++)
        {
            var frame = Framed.ReadOne(Sequences.Split(c.Frame, cut));
            Assert.Equal(c.Command, frame.Command);
            c.AssertDecodes(frame.Payload);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_split_into_three_segments_reads_and_decodes(string name)
    {
        var c = MessageCases.Get(name);
        int step = c.Frame.Length <= 400 ? 1 : 7; // the genesis block frame is 309 bytes, the rest smaller
        for (int a = 0; a <= c.Frame.Length; a += step)
        {
            for (int b = a; b <= c.Frame.Length; b++)
            {
                var frame = Framed.ReadOne(Sequences.Split(c.Frame, a, b));
                c.AssertDecodes(frame.Payload);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_proper_prefix_needs_more_data_and_leaves_the_buffer_alone(string name)
    {
        var c = MessageCases.Get(name);
        for (int length = 0; length < c.Frame.Length; length++)
        {
            var buffer = Sequences.Split(c.Frame[..length], length / 2);
            var before = buffer;
            Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, Framed.Main, out _));
            Assert.Equal(before.Start, buffer.Start);
            Assert.Equal(before.Length, buffer.Length);
        }
    }
}
