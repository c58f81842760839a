using System.Numerics;
using Node.Primitives;
using Node.Tests;

namespace Node.Storage.Tests;

/// <summary>Real blocks from ../shared/data and the index rows describing them.</summary>
public static class Blocks
{
    public const uint MainnetMagic = 0xD9B4BEF9;

    private static readonly Lazy<List<byte[]>> First439 = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));

    /// <summary>Mainnet blocks 0..438 in order.</summary>
    public static IReadOnlyList<byte[]> Mainnet0To438 => First439.Value;

    public static readonly string[] RawFiles =
        ["blocks/mainnet-367891.raw", "blocks/mainnet-413567.raw", "blocks/mainnet-540107.raw", "blocks/mainnet-574200.raw"];

    public static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block);

    /// <summary>Work of one block, 2^256 / (target + 1), as Core computes it.</summary>
    public static BigInteger WorkOf(uint bits)
    {
        int exponent = (int)(bits >> 24);
        var mantissa = new BigInteger(bits & 0x007fffff);
        var target = exponent <= 3 ? mantissa >> (8 * (3 - exponent)) : mantissa << (8 * (exponent - 3));
        return (BigInteger.One << 256) / (target + 1);
    }

    public static UInt256 ToChainWork(BigInteger work)
    {
        var bytes = new byte[32];
        work.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return UInt256.FromLittleEndian(bytes);
    }

    public static BlockIndexRow RowFor(byte[] block, int height, BigInteger chainWork, StoredBlock stored) =>
        new(HashOf(block), BlockHeader.Read(block), height, BlockStatus.FullyValidated | BlockStatus.DataStored,
            ToChainWork(chainWork), stored.Location, stored.Checksum, stored.WireChecksum);

    /// <summary>Stores blocks 0..count-1 of the 0..438 run, staging a row for each; returns the rows (not committed).</summary>
    public static List<BlockIndexRow> AppendChain(BlockStore store, int count, int first = 0)
    {
        var rows = new List<BlockIndexRow>();
        BigInteger work = 0;
        for (int h = 0; h < first + count; h++)
        {
            var block = Mainnet0To438[h];
            work += WorkOf(BlockHeader.Read(block).Bits);
            if (h < first) continue;
            var row = RowFor(block, h, work, store.AppendBlock(block));
            store.StageRow(row);
            rows.Add(row);
        }
        return rows;
    }

    public static byte[] Fetch(BlockStore store, Hash256 hash, out StorageError error)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        error = store.FetchBlock(hash, writer);
        return writer.WrittenSpan.ToArray();
    }
}
