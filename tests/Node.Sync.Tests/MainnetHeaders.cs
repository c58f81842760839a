using Node.Chain.Index;
using Node.Primitives;
using Node.Tests;

namespace Node.Sync.Tests;

/// <summary>The real mainnet headers 0..10236.</summary>
internal static class MainnetHeaders
{
    public const string File = "headers/mainnet-0-10236.hdr";

    private static readonly Lazy<byte[]> Raw = new(() => TestData.Bytes(File));

    public static int Count => Raw.Value.Length / BlockHeader.Size;

    public static ReadOnlySpan<byte> Record(int height) => Raw.Value.AsSpan(height * BlockHeader.Size, BlockHeader.Size);

    public static BlockHeader Header(int height) => BlockHeader.Read(Record(height));

    public static Hash256 Hash(int height) => BlockHeader.HashOf(Record(height));

    /// <summary>An index of all the headers, added in height order (so id == height).</summary>
    public static BlockIndex Index()
    {
        var index = new BlockIndex(Count);
        for (int h = 0; h < Count; h++) index.Add(Header(h), Hash(h));
        return index;
    }
}
