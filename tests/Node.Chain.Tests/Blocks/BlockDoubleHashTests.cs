using Node.Chain.Validation;
using Node.Primitives.Hashing;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// CheckBlock can hash the whole block (a block message's checksum source) in the batch with its transaction ids:
/// the hash is the single-stream SHA-256d of the bytes whatever the verdict, and the verdict is unchanged.
/// </summary>
public class BlockDoubleHashTests
{
    private static byte[] CheckWithHash(byte[] block, out BlockValidationResult result, out CheckedBlock checkedBlock)
    {
        var hash = new byte[32];
        result = BlockValidator.CheckBlock(block, hash, out checkedBlock);
        return hash;
    }

    [Theory]
    [InlineData("blocks/btcd-277647.blk")]
    [InlineData("blocks/mainnet-367891.raw")]
    [InlineData(RealBlocks.Legacy413567)]
    [InlineData(RealBlocks.Segwit540107)]
    [InlineData(RealBlocks.Segwit574200)]
    public void A_real_blocks_hash_is_its_sha256d_and_its_verdict_unchanged(string file)
    {
        var raw = RealBlocks.Load(file);
        var hash = CheckWithHash(raw, out var withHash, out var checkedWithHash);
        var without = BlockValidator.CheckBlock(raw, out var checkedWithout);
        Assert.Equal(Sha256.DoubleHash(raw).Bytes.ToArray(), hash);
        Assert.True(withHash.IsValid);
        Assert.Equal(without, withHash);
        Assert.Equal(checkedWithout.Shape, checkedWithHash.Shape);
        Assert.Equal(checkedWithout.Witness, checkedWithHash.Witness);
    }

    [Theory]
    [InlineData(50)] // inside the header and transaction count: no scan at all
    [InlineData(500_000)] // mid-way through the transactions
    [InlineData(-1)] // the last byte missing
    public void A_truncated_blocks_hash_is_still_its_sha256d(int length)
    {
        var raw = RealBlocks.Load(RealBlocks.Segwit574200);
        var cut = raw[..(length < 0 ? raw.Length + length : length)];
        var hash = CheckWithHash(cut, out var result, out _);
        Assert.Equal(BlockRuleError.Malformed, result.Error);
        Assert.Equal(Sha256.DoubleHash(cut).Bytes.ToArray(), hash);
    }

    [Fact]
    public void An_invalid_but_well_formed_blocks_hash_is_still_its_sha256d()
    {
        var raw = RealBlocks.Load(RealBlocks.Legacy413567);
        raw[^1] ^= 0x01; // the last transaction's lock time: the merkle root no longer matches
        var hash = CheckWithHash(raw, out var result, out _);
        Assert.Equal(BlockRuleError.BadMerkleRoot, result.Error);
        Assert.Equal(Sha256.DoubleHash(raw).Bytes.ToArray(), hash);
    }
}
