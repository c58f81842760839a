using Node.Primitives;

namespace Node.Primitives.Tests;

/// <summary>Bitcoin Core's arith_uint256_tests bignum_SetCompact table.</summary>
public class UInt256CompactTests
{
    public static TheoryData<uint, string, uint, bool, bool, bool> CoreSetCompactTable => new()
    {
        // compact, value hex, GetCompact(negative), encode-negative, negative, overflow
        { 0x00000000, "0", 0x00000000, false, false, false },
        { 0x00123456, "0", 0x00000000, false, false, false },
        { 0x01003456, "0", 0x00000000, false, false, false },
        { 0x02000056, "0", 0x00000000, false, false, false },
        { 0x03000000, "0", 0x00000000, false, false, false },
        { 0x04000000, "0", 0x00000000, false, false, false },
        { 0x00923456, "0", 0x00000000, false, false, false },
        { 0x01803456, "0", 0x00000000, false, false, false },
        { 0x02800056, "0", 0x00000000, false, false, false },
        { 0x03800000, "0", 0x00000000, false, false, false },
        { 0x04800000, "0", 0x00000000, false, false, false },
        { 0x01123456, "12", 0x01120000, false, false, false },
        { 0x01fedcba, "7e", 0x01fe0000, true, true, false },
        { 0x02123456, "1234", 0x02123400, false, false, false },
        { 0x03123456, "123456", 0x03123456, false, false, false },
        { 0x04123456, "12345600", 0x04123456, false, false, false },
        { 0x04923456, "12345600", 0x04923456, true, true, false },
        { 0x05009234, "92340000", 0x05009234, false, false, false },
        { 0x20123456, "1234560000000000000000000000000000000000000000000000000000000000", 0x20123456, false, false, false },
    };

    [Theory]
    [MemberData(nameof(CoreSetCompactTable))]
    public void Decodes_and_reencodes_like_core(uint compact, string hex, uint reencoded, bool encodeNegative, bool negative, bool overflow)
    {
        var value = UInt256.FromCompact(compact, out bool neg, out bool ovf);
        Assert.Equal(UInt256.Parse(hex), value);
        Assert.Equal(hex.PadLeft(64, '0'), value.ToString());
        Assert.Equal(negative, neg);
        Assert.Equal(overflow, ovf);
        Assert.Equal(reencoded, value.ToCompact(encodeNegative));
    }

    [Fact]
    public void Huge_exponent_overflows_and_is_not_negative()
    {
        UInt256.FromCompact(0xff123456, out bool negative, out bool overflow);
        Assert.False(negative);
        Assert.True(overflow);
    }

    [Fact]
    public void Never_encodes_with_the_sign_bit_set()
    {
        Assert.Equal(0x02008000u, new UInt256(0x80).ToCompact());
    }

    // Overflow means the mantissa shifted by the exponent does not fit in 32 bytes.
    [Theory]
    [InlineData(0x207fffffu, false)]
    [InlineData(0x2100ffffu, false)]
    [InlineData(0x21010000u, true)]
    [InlineData(0x220000ffu, false)]
    [InlineData(0x22000100u, true)]
    [InlineData(0x230000ffu, true)]
    [InlineData(0x23000000u, false)] // a zero mantissa never overflows
    public void Overflow_boundaries_follow_core(uint compact, bool overflow)
    {
        UInt256.FromCompact(compact, out _, out bool ovf);
        Assert.Equal(overflow, ovf);
    }

    [Theory]
    [InlineData(0x1d00ffffu, "00000000ffff0000000000000000000000000000000000000000000000000000")]
    [InlineData(0x207fffffu, "7fffff0000000000000000000000000000000000000000000000000000000000")]
    [InlineData(0x1e0377aeu, "00000377ae000000000000000000000000000000000000000000000000000000")]
    [InlineData(0x1b0404cbu, "00000000000404cb000000000000000000000000000000000000000000000000")]
    public void Real_targets_round_trip(uint bits, string target)
    {
        var t = UInt256.FromCompact(bits, out bool negative, out bool overflow);
        Assert.False(negative);
        Assert.False(overflow);
        Assert.Equal(target, t.ToString());
        Assert.Equal(bits, t.ToCompact());
    }
}
