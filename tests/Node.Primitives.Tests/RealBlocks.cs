using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>Every real block in the shared data, as raw bytes, with NBitcoin as the independent oracle.</summary>
internal static class RealBlocks
{
    public const string SegwitA = "blocks/mainnet-540107.raw";
    public const string SegwitB = "blocks/mainnet-574200.raw";
    public const string Legacy413567 = "blocks/mainnet-413567.raw";
    public const string MegaTx = "blocks/megatx.tx";

    public static readonly string[] Files = TestData.BlockFiles;

    public static TheoryData<string> FileNames => new(Files);

    public static TheoryData<string> PreSegwitFileNames => new(Files.Where(f => f is not (SegwitA or SegwitB)));

    /// <inheritdoc cref="TestData.Blocks"/>
    public static List<byte[]> Load(string file) => TestData.Blocks(file);

    public static NBitcoin.Block Oracle(byte[] raw) => NBitcoin.Block.Load(raw, NBitcoin.Network.Main);

    public static byte[] OracleBytes(NBitcoin.IBitcoinSerializable value) => NBitcoin.BitcoinSerializableExtensions.ToBytes(value);

    /// <summary>A real transaction's exact bytes: the <paramref name="index"/>-th of a raw block.</summary>
    public static byte[] TxBytes(string file, int index)
    {
        var raw = TestData.Bytes(file);
        Assert.True(Blocks.BlockReader.TryOpen(raw, out var reader, out _));
        Transactions.TransactionReader tx = default;
        for (int i = 0; i <= index; i++) Assert.True(reader.TryReadNext(out tx, out _));
        return tx.Raw.ToArray();
    }
}
