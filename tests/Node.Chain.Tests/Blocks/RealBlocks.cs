using Node.Chain.Validation;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>The real mainnet blocks in ../shared/data/blocks with their heights, and shortcuts to validate them.</summary>
internal static class RealBlocks
{
    public const string Blk0To438 = "blocks/mainnet-0-438.blk";
    public const string Legacy413567 = "blocks/mainnet-413567.raw";
    public const string Segwit540107 = "blocks/mainnet-540107.raw";
    public const string Segwit574200 = "blocks/mainnet-574200.raw";

    /// <summary>Single-block files and their real heights (in the file names).</summary>
    public static readonly (string File, int Height)[] Singles =
    [
        ("blocks/btcd-277647.blk", 277647),
        ("blocks/mainnet-367891.raw", 367891),
        (Legacy413567, 413567),
        (Segwit540107, 540107),
        (Segwit574200, 574200),
    ];

    public static TheoryData<string, int> SingleFiles
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var (file, height) in Singles) data.Add(file, height);
            return data;
        }
    }

    public static byte[] Load(string file) =>
        file.EndsWith(".blk", StringComparison.Ordinal) ? TestData.BlkRecords(file).Single() : TestData.Bytes(file);

    public static BlockValidationResult Check(byte[] raw) => BlockValidator.CheckBlock(raw, out _);

    /// <summary>CheckBlock, which must pass, then ContextualCheckBlock at <paramref name="height"/> on mainnet.</summary>
    public static BlockValidationResult CheckContextual(byte[] raw, int height, long prevMedianTimePast)
    {
        var check = BlockValidator.CheckBlock(raw, out var checkedBlock);
        Assert.True(check.IsValid, check.ToString());
        return BlockValidator.ContextualCheckBlock(raw, checkedBlock, height, prevMedianTimePast, ChainParams.Main);
    }

    public static NBitcoin.Block Model(byte[] raw) => NBitcoin.Block.Load(raw, NBitcoin.Network.Main);

    public static byte[] Bytes(NBitcoin.Block block) => NBitcoin.BitcoinSerializableExtensions.ToBytes(block);
}
