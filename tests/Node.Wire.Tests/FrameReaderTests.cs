using System.Buffers;
using System.Buffers.Binary;

namespace Node.Wire.Tests;

public class FrameReaderTests
{
    private static byte[] Ping => MessageCases.Get("ping").Frame;

    [Theory]
    [InlineData("f9beb4d9", 0xD9B4BEF9u)] // main
    [InlineData("0b110907", 0x0709110Bu)] // testnet3
    [InlineData("1c163f28", 0x283F161Cu)] // testnet4
    [InlineData("0a03cf40", 0x40CF030Au)] // signet
    [InlineData("fabfb5da", 0xDAB5BFFAu)] // regtest
    public void Magic_is_the_four_wire_bytes_read_little_endian(string wireHex, uint magic)
    {
        Assert.Equal(magic, BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(wireHex)));
        var frame = Framed.Encode(new PingMessage(7), magic);
        Assert.Equal(wireHex, Convert.ToHexStringLower(frame.AsSpan(0, 4)));
        Assert.Equal(7ul, PingMessage.Decode(Framed.ReadOne(frame, magic).Payload).Nonce);
    }

    [Fact]
    public void Verack_frame_matches_the_known_bytes()
    {
        // mainnet verack: magic, "verack" NUL-padded, length 0, checksum of the empty payload 5df6e0e2
        var expected = Convert.FromHexString("f9beb4d976657261636b000000000000000000005df6e0e2");
        Assert.Equal(expected, Framed.Encode(new EmptyMessage(Command.Verack)));
    }

    [Fact]
    public void Back_to_back_frames_in_one_buffer_read_one_at_a_time()
    {
        var names = new[] { "version", "verack", "headers", "inv", "ping" };
        var stream = names.SelectMany(n => MessageCases.Get(n).Frame).ToArray();
        var random = new Random(11);
        for (int round = 0; round < 50; round++)
        {
            var buffer = Sequences.RandomSplit(stream, random, 1 + random.Next(12));
            foreach (var name in names)
            {
                var c = MessageCases.Get(name);
                Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame));
                Assert.Equal(c.Command, frame.Command);
                c.AssertDecodes(frame.Payload);
            }
            Assert.True(buffer.IsEmpty);
            Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, Framed.Main, out _));
        }
    }

    [Fact]
    public void Wrong_magic_is_rejected_from_the_header()
    {
        var bytes = Ping;
        var buffer = new ReadOnlySequence<byte>(bytes);
        var e = Assert.Throws<WireException>(() => FrameReader.TryReadFrame(ref buffer, 0x0709110B, out _));
        Assert.Equal(WireError.WrongMagic, e.Error);
    }

    [Fact]
    public void Oversized_payload_is_rejected_from_the_header_alone_before_the_payload_arrives()
    {
        var header = Ping[..MessageHeader.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), ProtocolLimits.MaxPayloadLength + 1);
        var buffer = Sequences.Split(header, 5, 17);
        var e = Assert.Throws<WireException>(() => FrameReader.TryReadFrame(ref buffer, Framed.Main, out _));
        Assert.Equal(WireError.OversizedPayload, e.Error);
        Assert.Equal(ProtocolLimits.MaxPayloadLength, e.Limit);

        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), ProtocolLimits.MaxPayloadLength);
        buffer = new ReadOnlySequence<byte>(header);
        Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, Framed.Main, out _));
    }

    [Fact]
    public void Bad_checksum_drops_the_message_and_the_next_one_still_reads()
    {
        var bad = MessageCases.Get("version").Frame.ToArray();
        bad[20] ^= 0x01;
        var stream = bad.Concat(Ping).ToArray();
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            var buffer = Sequences.Split(stream, cut);
            Assert.Equal(FrameStatus.Dropped, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var dropped));
            Assert.Equal(WireError.BadChecksum, dropped.Error);
            Assert.Equal(Ping.Length, buffer.Length); // consumed exactly the bad message
            Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var next));
            Assert.Equal(Command.Ping, next.Command);
        }
    }

    [Fact]
    public void A_flipped_payload_byte_is_a_bad_checksum()
    {
        var bytes = MessageCases.Get("headers").Frame.ToArray();
        bytes[^3] ^= 0x80;
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameStatus.Dropped, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame));
        Assert.Equal(WireError.BadChecksum, frame.Error);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData("76657261636b00000000000a")] // "verack" then a non-NUL byte after the first NUL
    [InlineData("7665720a61636b0000000000")] // a control character
    [InlineData("766572e961636b0000000000")] // a non-ASCII byte
    [InlineData("76657261636b7f0000000000")] // DEL
    public void Malformed_command_drops_the_message_and_consumes_it(string commandHex)
    {
        var bytes = Ping.ToArray();
        Convert.FromHexString(commandHex).CopyTo(bytes, 4);
        var stream = bytes.Concat(Ping).ToArray();
        var buffer = new ReadOnlySequence<byte>(stream);
        Assert.Equal(FrameStatus.Dropped, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame));
        Assert.Equal(WireError.MalformedCommand, frame.Error);
        Assert.Equal(Command.Unknown, frame.Command);
        Assert.Equal("0x" + commandHex, frame.Name.ToString()); // shown as hex, never as raw control bytes
        Assert.Equal(Ping.Length, buffer.Length);
    }

    [Fact]
    public void Unknown_well_formed_command_frames_as_unknown_with_its_raw_name()
    {
        var bytes = Ping.ToArray();
        var name = CommandName.FromAscii("sendtxrcncl");
        name.WriteTo(bytes.AsSpan(4));
        var frame = Framed.ReadOne(bytes);
        Assert.Equal(Command.Unknown, frame.Command);
        Assert.Equal(WireError.None, frame.Error);
        Assert.Equal(name, frame.Name);
        Assert.Equal("sendtxrcncl", frame.Name.ToString());
        Assert.Equal(8, frame.Payload.Length);
    }

    [Fact]
    public void Every_known_command_name_is_recognised_and_a_twelve_letter_name_is_not_confused()
    {
        foreach (var command in Enum.GetValues<Command>().Where(c => c != Command.Unknown))
        {
            var name = CommandNames.Of(command);
            Assert.True(name.IsWellFormed);
            Assert.Equal(command, name.Recognize());
        }
        Assert.Equal(Command.Unknown, CommandName.FromAscii("versionxxxxx").Recognize());
        Assert.Equal(Command.Unknown, CommandName.FromAscii("sendheader").Recognize());
        Assert.Equal(Command.Unknown, CommandName.FromAscii("").Recognize());
    }
}
