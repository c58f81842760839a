using System.Buffers;
using System.Buffers.Binary;
using Node.Primitives;
using Node.Tests;

namespace Node.Wire.Tests;

public class RealDataTests
{
    [Fact]
    public void Headers_message_of_2000_mainnet_headers_decodes_and_links()
    {
        var headers = MessageCases.MainnetHeaders.Value[..ProtocolLimits.MaxHeaders];
        var bytes = Framed.Encode(new HeadersMessage(headers));
        var raw = TestData.Bytes("headers/mainnet-0-10236.hdr");
        var random = new Random(2000);
        for (int round = 0; round < 20; round++)
        {
            var sequence = round == 0 ? new ReadOnlySequence<byte>(bytes) : Sequences.RandomSplit(bytes, random, 1 + random.Next(200));
            var payload = Framed.ReadOne(sequence).Payload;
            Assert.Equal(2000, HeadersMessage.ReadCount(payload));
            var decoded = new BlockHeader[ProtocolLimits.MaxHeaders];
            Assert.Equal(2000, HeadersMessage.Decode(payload, decoded));
            var serialized = new byte[BlockHeader.Size];
            for (int i = 0; i < decoded.Length; i++)
            {
                decoded[i].Write(serialized);
                Assert.True(serialized.AsSpan().SequenceEqual(raw.AsSpan(i * BlockHeader.Size, BlockHeader.Size)), $"header {i}");
                if (i > 0) Assert.Equal(decoded[i - 1].GetHash(), decoded[i].PrevBlock);
            }
        }
        Assert.Equal(Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"), MessageCases.MainnetHeaders.Value[0].GetHash());
    }

    [Fact]
    public void One_megabyte_block_frames_and_checksums_under_random_segmentations()
    {
        var block = TestData.Bytes("blocks/mainnet-413567.raw");
        var bytes = Framed.EncodeRaw(Command.Block, block);
        var random = new Random(413567);
        for (int round = 0; round < 12; round++)
        {
            var sequence = round switch
            {
                0 => new ReadOnlySequence<byte>(bytes),
                1 => Sequences.Chunked(bytes, 4096),
                2 => Sequences.Chunked(bytes, 1),
                _ => Sequences.RandomSplit(bytes, random, 2 + random.Next(2000)),
            };
            var frame = Framed.ReadOne(sequence);
            Assert.Equal(Command.Block, frame.Command);
            var payload = new BlockMessage(frame.Payload).Payload;
            Assert.Equal(block.Length, payload.Length);
            Assert.True(payload.ToArray().AsSpan().SequenceEqual(block));
            Assert.Equal(Hash256.Parse("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069"), BlockHeader.HashOf(payload.FirstSpan.Length >= 80 ? payload.FirstSpan : payload.Slice(0, 80).ToArray()));
        }
    }

    [Fact]
    public void Block_frame_arriving_byte_by_byte_needs_more_until_the_last_byte()
    {
        var block = TestData.Bytes("blocks/mainnet-413567.raw");
        var bytes = Framed.EncodeRaw(Command.Block, block);
        foreach (int length in new[] { 0, 23, 24, 25, 4096, bytes.Length / 2, bytes.Length - 1 })
        {
            var buffer = Sequences.Chunked(bytes[..length], 4096);
            Assert.Equal(FrameStatus.NeedMoreData, FrameReader.TryReadFrame(ref buffer, Framed.Main, out _));
        }
    }

    [Fact]
    public void Raw_payload_written_from_a_segmented_sequence_equals_the_one_written_from_a_span()
    {
        var block = TestData.Bytes("blocks/mainnet-574200.raw");
        var fromSpan = Framed.EncodeRaw(Command.Block, block);
        var output = new ArrayBufferWriter<byte>();
        new MessageWriter(output, Framed.Main).WriteRaw(Command.Block, Sequences.Chunked(block, 4096));
        Assert.True(fromSpan.AsSpan().SequenceEqual(output.WrittenSpan));
    }

    [Fact]
    public void A_received_frame_carries_its_verified_checksum_and_a_frame_written_with_it_is_byte_identical()
    {
        var block = TestData.Bytes("blocks/mainnet-540107.raw");
        var framed = Framed.EncodeRaw(Command.Block, block);
        var frame = Framed.ReadOne(Sequences.Chunked(framed, 65536));
        // SHA256d by the platform: an implementation independent of the node's hashing.
        var sha256d = System.Security.Cryptography.SHA256.HashData(System.Security.Cryptography.SHA256.HashData(block));
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(sha256d), frame.Checksum);
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(framed.AsSpan(20)), frame.Checksum);

        var output = new ArrayBufferWriter<byte>();
        new MessageWriter(output, Framed.Main).WriteRaw(Command.Block, new ReadOnlySequence<byte>(block), frame.Checksum);
        Assert.True(framed.AsSpan().SequenceEqual(output.WrittenSpan));
    }
}
