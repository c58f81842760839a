using Node.Chain.Validation;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Random damage to real blocks (seeded, so every run checks the same variants) always ends in a
/// verdict: valid, or a named rule; never an exception from inside the validator.
/// </summary>
public class DamagedBlockTests
{
    [Theory]
    [InlineData(RealBlocks.Legacy413567, 413567)]
    [InlineData(RealBlocks.Segwit574200, 574200)]
    public void Flipped_bytes_and_cuts_end_in_a_named_verdict(string file, int height)
    {
        var original = TestData.Bytes(file);
        var random = new Random(height);
        var seen = new HashSet<BlockRuleError>();
        for (int round = 0; round < 300; round++)
        {
            var raw = (byte[])original.Clone();
            if (round % 3 == 0) raw = raw[..random.Next(raw.Length)];
            else for (int flips = random.Next(1, 4); flips > 0; flips--) raw[random.Next(raw.Length)] ^= (byte)random.Next(1, 256);

            var result = BlockValidator.CheckBlock(raw, out var checkedBlock);
            if (result.IsValid) result = BlockValidator.ContextualCheckBlock(raw, checkedBlock, height, 0, ChainParams.Main);
            seen.Add(result.Error);
            Assert.NotEmpty(result.ToString());
        }
        Assert.Contains(BlockRuleError.Malformed, seen);
        Assert.Contains(BlockRuleError.BadMerkleRoot, seen);
    }
}
