using System.Numerics;
using Node.Primitives;

namespace Node.Primitives.Tests;

/// <summary>UInt256 arithmetic against System.Numerics.BigInteger modulo 2^256.</summary>
public class UInt256ArithmeticTests
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;
    private const int Rounds = 20_000;

    private static BigInteger Big(UInt256 v)
    {
        Span<byte> b = stackalloc byte[32];
        v.WriteLittleEndian(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: false);
    }

    private static UInt256 FromBig(BigInteger v)
    {
        v = ((v % Modulus) + Modulus) % Modulus;
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return UInt256.FromLittleEndian(b);
    }

    /// <summary>Random values of random bit length, so carries, short divisors and zero limbs all occur.</summary>
    private static UInt256 RandomValue(Random rng)
    {
        Span<byte> b = stackalloc byte[32];
        rng.NextBytes(b);
        var v = UInt256.FromLittleEndian(b);
        int keep = rng.Next(0, 257);
        v = keep == 0 ? UInt256.Zero : v >> (256 - keep);
        return rng.Next(8) == 0 ? ~v : v;
    }

    [Fact]
    public void Add_subtract_not_match_bigint()
    {
        var rng = new Random(1);
        for (int i = 0; i < Rounds; i++)
        {
            UInt256 a = RandomValue(rng), b = RandomValue(rng);
            Assert.Equal(FromBig(Big(a) + Big(b)), a + b);
            Assert.Equal(FromBig(Big(a) - Big(b)), a - b);
            Assert.Equal(FromBig(Modulus - 1 - Big(a)), ~a);
        }
    }

    [Fact]
    public void Multiply_and_divide_by_ulong_match_bigint()
    {
        var rng = new Random(2);
        for (int i = 0; i < Rounds; i++)
        {
            UInt256 a = RandomValue(rng);
            ulong m = (ulong)rng.NextInt64() >> rng.Next(0, 63);
            if (rng.Next(4) == 0) m = ulong.MaxValue - (ulong)rng.Next(3);
            Assert.Equal(FromBig(Big(a) * m), a * m);
            if (m != 0) Assert.Equal(FromBig(Big(a) / m), a / m);
        }
    }

    [Fact]
    public void Full_division_matches_bigint()
    {
        var rng = new Random(3);
        for (int i = 0; i < Rounds; i++)
        {
            UInt256 a = RandomValue(rng), b = RandomValue(rng);
            if (b.IsZero) continue;
            Assert.Equal(FromBig(Big(a) / Big(b)), a / b);
            Assert.Equal(FromBig(Big(b) / Big(a.IsZero ? UInt256.One : a)), b / (a.IsZero ? UInt256.One : a));
        }
    }

    [Fact]
    public void Division_exercises_the_add_back_step()
    {
        // Found by search: the estimated quotient digit is one too large here, so the divisor is added back.
        var u = new UInt256(0x00000001_20000000, 0xffffffff_fffffffe, 0x00000001_00000003, 0x7fffffff_00000001);
        var v = new UInt256(0x80000000_00000001, 0xfffffffe_00000002);
        Assert.Equal(FromBig(Big(u) / Big(v)), u / v);
    }

    [Fact]
    public void Divide_by_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => UInt256.One / UInt256.Zero);
        Assert.Throws<DivideByZeroException>(() => UInt256.One / 0UL);
    }

    [Fact]
    public void Shifts_and_bits_match_bigint()
    {
        var rng = new Random(4);
        for (int i = 0; i < Rounds; i++)
        {
            UInt256 a = RandomValue(rng);
            int s = rng.Next(0, 300);
            Assert.Equal(FromBig(Big(a) << s), a << s);
            Assert.Equal(FromBig(Big(a) >> s), a >> s);
            Assert.Equal((int)(Big(a).IsZero ? 0 : Big(a).GetBitLength()), a.Bits());
        }
    }

    [Fact]
    public void Comparisons_match_bigint()
    {
        var rng = new Random(5);
        for (int i = 0; i < Rounds; i++)
        {
            UInt256 a = RandomValue(rng), b = rng.Next(10) == 0 ? a : RandomValue(rng);
            int expected = Big(a).CompareTo(Big(b));
            Assert.Equal(Math.Sign(expected), Math.Sign(a.CompareTo(b)));
            Assert.Equal(expected < 0, a < b);
            Assert.Equal(expected <= 0, a <= b);
            Assert.Equal(expected > 0, a > b);
            Assert.Equal(expected >= 0, a >= b);
            Assert.Equal(expected == 0, a == b);
            Assert.Equal(expected != 0, a != b);
        }
    }

    [Fact]
    public void Hex_and_bytes_round_trip()
    {
        var rng = new Random(6);
        Span<byte> b = stackalloc byte[32];
        for (int i = 0; i < 1000; i++)
        {
            UInt256 a = RandomValue(rng);
            Assert.Equal(Big(a).ToString("x64")[^64..], a.ToString());
            Assert.Equal(a, UInt256.Parse(a.ToString()));
            a.WriteLittleEndian(b);
            Assert.Equal(a, UInt256.FromLittleEndian(b));
        }
        Assert.False(UInt256.TryParse("", out _));
        Assert.False(UInt256.TryParse(new string('1', 65), out _));
        Assert.False(UInt256.TryParse("12g4", out _));
        Assert.Equal(new UInt256(0xabc), UInt256.Parse("0xABC"));
    }

    [Fact]
    public void A_hash_as_a_number_is_its_little_endian_bytes()
    {
        var hash = Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
        var n = UInt256.FromHash(hash);
        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", n.ToString());
        Assert.Equal(hash, n.ToHash256());
        Assert.Equal(UInt256.FromLittleEndian(hash.Bytes), n);
    }

    [Theory]
    [InlineData(0x1d00ffffu)]
    [InlineData(0x1b0404cbu)]
    [InlineData(0x17034219u)]
    [InlineData(0x207fffffu)]
    [InlineData(0x1e0377aeu)]
    [InlineData(0x01010000u)]
    [InlineData(0x03000001u)]
    public void Work_is_two_to_the_256_over_target_plus_one(uint bits)
    {
        var target = UInt256.FromCompact(bits, out _, out _);
        var expected = FromBig(Modulus / (Big(target) + 1));
        Assert.Equal(expected, UInt256.Work(bits));
    }

    [Fact]
    public void Genesis_work_is_0x100010001()
    {
        Assert.Equal(new UInt256(0x1_0001_0001), UInt256.Work(0x1d00ffff));
    }

    [Theory]
    [InlineData(0x00000000u)] // zero
    [InlineData(0x04923456u)] // negative
    [InlineData(0xff123456u)] // overflow
    [InlineData(0x01003456u)] // mantissa shifted out: zero
    public void Work_of_an_invalid_target_is_zero(uint bits)
    {
        Assert.Equal(UInt256.Zero, UInt256.Work(bits));
    }
}
