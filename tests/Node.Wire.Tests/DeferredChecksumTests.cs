using System.Buffers;
using System.Buffers.Binary;

namespace Node.Wire.Tests;

/// <summary>
/// A consumer that verifies large blocks itself gets a <c>block</c> message of at least
/// <see cref="FrameReader.MinDeferredChecksumBytes"/> unverified, flagged, with the header's checksum; every other
/// message is verified by the reader as before.
/// </summary>
public class DeferredChecksumTests
{
    private static byte[] FrameWithBadChecksum(Command command, int payloadLength, out uint sentChecksum)
    {
        var payload = new byte[payloadLength];
        new Random(payloadLength).NextBytes(payload);
        var frame = Framed.EncodeRaw(command, payload);
        frame[20] ^= 0x5A;
        sentChecksum = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(20));
        return frame.Concat(MessageCases.Get("ping").Frame).ToArray();
    }

    [Fact]
    public void A_large_block_with_a_bad_checksum_is_handed_on_deferred_with_the_headers_checksum()
    {
        var stream = FrameWithBadChecksum(Command.Block, FrameReader.MinDeferredChecksumBytes, out uint sent);
        var buffer = Sequences.Split(stream, 5000);
        Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, Framed.Main, deferBlockChecksum: true, out var frame));
        Assert.True(frame.ChecksumDeferred);
        Assert.Equal(Command.Block, frame.Command);
        Assert.Equal(WireError.None, frame.Error);
        Assert.Equal(sent, frame.Checksum);
        Assert.NotEqual(FrameReader.Checksum(frame.Payload), frame.Checksum);
        Assert.Equal(FrameReader.MinDeferredChecksumBytes, frame.Payload.Length);
        Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, Framed.Main, deferBlockChecksum: true, out var next));
        Assert.Equal(Command.Ping, next.Command);
        Assert.False(next.ChecksumDeferred);
    }

    [Fact]
    public void Without_deferral_the_same_block_is_dropped_for_its_checksum()
    {
        var stream = FrameWithBadChecksum(Command.Block, FrameReader.MinDeferredChecksumBytes, out _);
        var buffer = new ReadOnlySequence<byte>(stream);
        Assert.Equal(FrameStatus.Dropped, FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame));
        Assert.Equal(WireError.BadChecksum, frame.Error);
        Assert.False(frame.ChecksumDeferred);
    }

    [Theory]
    [InlineData("block", 64 * 1024 - 1)] // one byte under the size: verified here
    [InlineData("tx", 100_000)] // large, but not a block
    [InlineData("headers", 100_000)]
    public void Every_other_message_is_still_verified_by_the_reader(string name, int length)
    {
        var command = CommandName.FromAscii(name).Recognize();
        var stream = FrameWithBadChecksum(command, length, out _);
        var buffer = new ReadOnlySequence<byte>(stream);
        Assert.Equal(FrameStatus.Dropped, FrameReader.TryReadFrame(ref buffer, Framed.Main, deferBlockChecksum: true, out var frame));
        Assert.Equal(WireError.BadChecksum, frame.Error);
        Assert.False(frame.ChecksumDeferred);
    }

    [Fact]
    public void A_large_block_with_a_good_checksum_is_deferred_too_and_its_checksum_is_the_payloads()
    {
        var payload = new byte[200_000];
        new Random(3).NextBytes(payload);
        var buffer = new ReadOnlySequence<byte>(Framed.EncodeRaw(Command.Block, payload));
        Assert.Equal(FrameStatus.Complete, FrameReader.TryReadFrame(ref buffer, Framed.Main, deferBlockChecksum: true, out var frame));
        Assert.True(frame.ChecksumDeferred);
        Assert.Equal(FrameReader.Checksum(payload), frame.Checksum);
    }
}
