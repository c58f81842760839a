using Node.Chain.Mining;

namespace Node.Chain.Tests.Mining;

/// <summary>
/// A 250-block generated regtest chain with small blocks, made once per test run: it passes coinbase
/// maturity (height 100) and the first regtest halving (height 150).
/// </summary>
public sealed class GeneratedChain
{
    public const int Length = 250;
    public const int TargetBlockSize = 20_000;
    public static readonly ChainGeneratorOptions Options = new() { Seed = 7, TargetBlockSize = TargetBlockSize };

    private static readonly Lazy<GeneratedChain> Shared = new(() => new GeneratedChain());

    public static GeneratedChain Instance => Shared.Value;

    /// <summary>Serialized blocks; index h - 1 holds height h.</summary>
    public IReadOnlyList<byte[]> Blocks { get; }

    private GeneratedChain()
    {
        var blocks = new List<byte[]>(Length);
        new RegtestChainGenerator(Options).Generate(Length, block => blocks.Add(block.Bytes.ToArray()));
        Blocks = blocks;
    }
}
