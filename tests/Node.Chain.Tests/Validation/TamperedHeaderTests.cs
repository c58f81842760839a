using System.Buffers.Binary;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Validation;

/// <summary>
/// Real headers with one bit changed. Any change alters the hash, and a real header's hash only
/// just meets its target, so full validation stops at proof of work (HighHash) unless the change
/// makes nBits itself invalid. The contextual rule a field belongs to is shown by checking the
/// tampered header against its real parent chain directly.
/// </summary>
public class TamperedHeaderTests
{
    private const int Height = 830000;
    private readonly HeaderValidator _validator = new(ChainParams.Main);
    private readonly ArrayHeaderAncestry _parent;
    private readonly byte[] _raw;
    private readonly long _now;

    public TamperedHeaderTests()
    {
        var raws = HeaderData.Hdr("mainnet-822528-830592.hdr");
        int index = Height - 822528;
        _parent = HeaderData.Ancestry(822528, raws.Take(index));
        _raw = raws[index];
        _now = BlockHeader.Read(raws[^1]).Time;
    }

    private HeaderValidationResult Full(byte[] raw) => _validator.Validate(raw, _parent, _now, 810000, out _, out _);

    private HeaderValidationResult Contextual(byte[] raw) =>
        _validator.CheckContextual(BlockHeader.Read(raw), BlockHeader.HashOf(raw), _parent, _now, 810000);

    private byte[] Flip(int byteOffset, int bit)
    {
        var copy = (byte[])_raw.Clone();
        copy[byteOffset] ^= (byte)(1 << bit);
        return copy;
    }

    private byte[] WithUInt32(int offset, uint value)
    {
        var copy = (byte[])_raw.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    [Fact]
    public void The_untampered_header_is_valid()
    {
        var result = Full(_raw);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(Height, result.Height);
    }

    [Fact]
    public void Nonce_bit_changes_the_hash_high_hash()
    {
        var result = Full(Flip(76, 0));
        Assert.Equal(RuleError.HighHash, result.Error);
        Assert.Equal(Height, result.Height);
        Assert.Equal("high-hash", result.CoreReason);
    }

    [Fact]
    public void Merkle_root_bit_changes_the_hash_high_hash()
    {
        Assert.Equal(RuleError.HighHash, Full(Flip(36 + 5, 3)).Error);
    }

    [Fact]
    public void Timestamp_bit_changes_the_hash_high_hash()
    {
        Assert.Equal(RuleError.HighHash, Full(Flip(68, 0)).Error);
    }

    [Fact]
    public void Version_bit_changes_the_hash_high_hash()
    {
        Assert.Equal(RuleError.HighHash, Full(Flip(0, 0)).Error);
    }

    [Fact]
    public void Prev_hash_bit_changes_the_hash_high_hash_and_unlinks_the_header()
    {
        var tampered = Flip(4 + 10, 1);
        Assert.Equal(RuleError.HighHash, Full(tampered).Error);
        var link = HeaderValidator.CheckParent(BlockHeader.Read(tampered), BlockHeader.HashOf(tampered), _parent);
        Assert.Equal(RuleError.PrevBlockUnknown, link.Error);
        Assert.Equal("prev-blk-not-found", link.CoreReason);
    }

    [Fact]
    public void Bits_sign_bit_makes_an_invalid_target()
    {
        var result = Full(Flip(72 + 2, 7)); // 0x00800000 of nBits
        Assert.Equal(RuleError.InvalidTarget, result.Error);
        Assert.Equal("high-hash", result.CoreReason);
    }

    [Fact]
    public void Bits_exponent_bit_makes_a_target_above_the_pow_limit()
    {
        var result = Full(Flip(72 + 3, 3)); // exponent 0x17 -> 0x1f
        Assert.Equal(RuleError.TargetAbovePowLimit, result.Error);
    }

    [Fact]
    public void Bits_mantissa_bit_is_high_hash_and_contextually_bad_diffbits()
    {
        var tampered = Flip(72, 0);
        Assert.Equal(RuleError.HighHash, Full(tampered).Error);
        var result = Contextual(tampered);
        Assert.Equal(RuleError.BadDiffBits, result.Error);
        Assert.Equal(BlockHeader.Read(_raw).Bits, (uint)result.Required);
    }

    [Fact]
    public void Timestamp_at_the_median_time_past_is_too_old()
    {
        uint mtp = _parent.MedianTimePast();
        var result = Contextual(WithUInt32(68, mtp));
        Assert.Equal(RuleError.TimeTooOld, result.Error);
        Assert.Equal(mtp, result.Required);
        Assert.True(Contextual(WithUInt32(68, mtp + 1)).IsValid);
    }

    [Fact]
    public void Timestamp_beyond_now_plus_two_hours_is_too_new()
    {
        long limit = _now + 2 * 60 * 60;
        Assert.True(Contextual(WithUInt32(68, (uint)limit)).IsValid);
        var result = Contextual(WithUInt32(68, (uint)limit + 1));
        Assert.Equal(RuleError.TimeTooNew, result.Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Version_below_4_after_bip65_is_bad_version(int version)
    {
        var result = Contextual(WithUInt32(0, (uint)version));
        Assert.Equal(RuleError.BadVersion, result.Error);
        Assert.Equal($"bad-version(0x{version:x8})", result.CoreReason);
        Assert.Equal(4, result.Required);
    }

    [Fact]
    public void Failures_name_the_header_and_the_rule()
    {
        var result = Contextual(WithUInt32(0, 3));
        string text = result.ToString();
        Assert.Contains(BlockHeader.HashOf(WithUInt32(0, 3)).ToString(), text);
        Assert.Contains("height 830000", text);
        Assert.Contains("bad-version(0x00000003)", text);
    }

    [Fact]
    public void A_real_header_at_a_checkpoint_height_with_another_hash_is_a_checkpoint_mismatch()
    {
        // Testnet3 header 546 is real and valid; a checkpoint naming header 545's hash at 546 rejects it.
        var (main, _) = HeaderData.Testnet3();
        var chain = ArrayHeaderAncestry.FromGenesis(ChainParams.Testnet3);
        foreach (var raw in main.Take(545)) chain.Append(BlockHeader.Read(raw), BlockHeader.HashOf(raw));
        var wrong = ChainParams.Testnet3 with { Checkpoints = [new Checkpoint(546, chain.TipHash)] };
        long now = BlockHeader.Read(main[^1]).Time;

        var result = new HeaderValidator(wrong).Validate(main[545], chain, now, -1, out _, out _);
        Assert.Equal(RuleError.CheckpointMismatch, result.Error);
        Assert.Equal(546, result.Height);

        Assert.True(new HeaderValidator(ChainParams.Testnet3).Validate(main[545], chain, now, -1, out _, out _).IsValid);
    }
}
