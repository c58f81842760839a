using Node.Chain.Mining;
using Node.Primitives.Hashing;

namespace Node.Chain.Tests.Mining;

public class ChainGeneratorDeterminismTests
{
    private static byte[] Digest(ChainGeneratorOptions options, int count)
    {
        using var stream = new MemoryStream();
        new RegtestChainGenerator(options).WriteBlkFile(stream, count);
        return Sha256.DoubleHash(stream.ToArray()).Bytes.ToArray();
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes()
    {
        Assert.Equal(GeneratedChain.Instance.Blocks, Generate(GeneratedChain.Options, GeneratedChain.Length));
        var options = new ChainGeneratorOptions { Seed = 99, TargetBlockSize = 50_000 };
        Assert.Equal(Digest(options, 120), Digest(options, 120));
    }

    [Fact]
    public void Another_seed_gives_other_transactions_but_the_same_coinbase_only_prefix()
    {
        var a = Generate(new ChainGeneratorOptions { Seed = 1, TargetBlockSize = 20_000 }, 102);
        var b = Generate(new ChainGeneratorOptions { Seed = 2, TargetBlockSize = 20_000 }, 102);
        Assert.Equal(a[..100], b[..100]);
        Assert.NotEqual(a[101], b[101]);
    }

    [Fact]
    public void Generation_continues_from_the_tip()
    {
        var generator = new RegtestChainGenerator(GeneratedChain.Options);
        generator.Generate(10, _ => { });
        var next = generator.Next();
        Assert.Equal(11, next.Height);
        Assert.Equal(next.Hash, generator.Tip.Hash);
        Assert.Equal(GeneratedChain.Instance.Blocks[10], next.Bytes.ToArray());
    }

    private static List<byte[]> Generate(ChainGeneratorOptions options, int count)
    {
        var blocks = new List<byte[]>();
        new RegtestChainGenerator(options).Generate(count, block => blocks.Add(block.Bytes.ToArray()));
        return blocks;
    }
}
