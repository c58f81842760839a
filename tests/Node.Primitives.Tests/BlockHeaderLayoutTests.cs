using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Node.Primitives.Tests;

/// <summary>BlockHeader reads and writes by one 80-byte copy: its layout must be the wire layout, field for field.</summary>
public class BlockHeaderLayoutTests
{
    [Fact]
    public void The_struct_is_exactly_80_bytes()
    {
        Assert.Equal(BlockHeader.Size, Unsafe.SizeOf<BlockHeader>());
    }

    [Fact]
    public void Every_real_mainnet_header_reads_into_the_right_fields_and_writes_back_byte_identical()
    {
        var all = TestData.Bytes("headers/mainnet-0-10236.hdr");
        Span<byte> written = stackalloc byte[BlockHeader.Size];
        for (int at = 0; at < all.Length; at += BlockHeader.Size)
        {
            var raw = all.AsSpan(at, BlockHeader.Size);
            var header = BlockHeader.Read(raw);
            Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(raw), header.Version);
            Assert.Equal(new Hash256(raw[4..36]), header.PrevBlock);
            Assert.Equal(new Hash256(raw[36..68]), header.MerkleRoot);
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(raw[68..]), header.Time);
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(raw[72..]), header.Bits);
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(raw[76..]), header.Nonce);

            new BlockHeader(header.Version, header.PrevBlock, header.MerkleRoot, header.Time, header.Bits, header.Nonce).Write(written);
            Assert.True(raw.SequenceEqual(written), $"header at offset {at}");
        }
    }
}
