using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Node.Primitives;

/// <summary>
/// An unsigned 256-bit integer for proof-of-work targets and chain work, with the semantics of
/// Bitcoin Core's arith_uint256: arithmetic wraps modulo 2^256, division by zero throws.
/// Four 64-bit limbs, least significant first; no heap allocation.
/// </summary>
[SkipLocalsInit]
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public const int Size = 32;

    private readonly ulong _l0, _l1, _l2, _l3;

    public UInt256(ulong l0, ulong l1 = 0, ulong l2 = 0, ulong l3 = 0)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    public static UInt256 Zero => default;
    public static UInt256 One => new(1);
    public static UInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>Limb <paramref name="i"/> (0 = least significant 64 bits).</summary>
    public ulong this[int i] => i switch
    {
        0 => _l0,
        1 => _l1,
        2 => _l2,
        3 => _l3,
        _ => throw new ArgumentOutOfRangeException(nameof(i), "a UInt256 has limbs 0..3"),
    };

    public ulong Low64 => _l0;
    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    /// <summary>The number of significant bits: 0 for zero, else the position of the top set bit plus one.</summary>
    public int Bits()
    {
        if (_l3 != 0) return 256 - BitOperations.LeadingZeroCount(_l3);
        if (_l2 != 0) return 192 - BitOperations.LeadingZeroCount(_l2);
        if (_l1 != 0) return 128 - BitOperations.LeadingZeroCount(_l1);
        return 64 - BitOperations.LeadingZeroCount(_l0);
    }

    public static UInt256 FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size) throw new ArgumentException("a UInt256 needs 32 bytes", nameof(bytes));
        return new UInt256(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    public void WriteLittleEndian(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("a UInt256 needs 32 bytes", nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _l0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _l1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _l2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _l3);
    }

    /// <summary>A hash read as a little-endian number, the way proof of work compares it to a target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 FromHash(in Hash256 hash) => new(hash.Limb(0), hash.Limb(1), hash.Limb(2), hash.Limb(3));

    public Hash256 ToHash256() => Hash256.FromLimbs(_l0, _l1, _l2, _l3);

    /// <summary>64 lowercase hex digits, most significant first (Core's GetHex).</summary>
    public override string ToString() =>
        string.Create(64, this, static (chars, v) =>
        {
            for (int i = 0; i < 4; i++) v[3 - i].TryFormat(chars[(i * 16)..], out _, "x16", CultureInfo.InvariantCulture);
        });

    /// <summary>Parses 1..64 hex digits, most significant first, with an optional 0x prefix.</summary>
    public static UInt256 Parse(ReadOnlySpan<char> hex)
    {
        if (!TryParse(hex, out var v)) throw new FormatException("a UInt256 is 1 to 64 hex digits");
        return v;
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out UInt256 value)
    {
        value = default;
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (hex.Length is 0 or > 64) return false;
        Span<ulong> limbs = stackalloc ulong[4];
        limbs.Clear();
        for (int i = 0; i < 4 && hex.Length > 0; i++)
        {
            int take = Math.Min(16, hex.Length);
            if (!ulong.TryParse(hex[^take..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out limbs[i])) return false;
            hex = hex[..^take];
        }
        value = new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
        return true;
    }

    public static UInt256 operator +(in UInt256 a, in UInt256 b)
    {
        ulong r0 = a._l0 + b._l0;
        ulong c = r0 < a._l0 ? 1UL : 0;
        ulong r1 = AddCarry(a._l1, b._l1, ref c);
        ulong r2 = AddCarry(a._l2, b._l2, ref c);
        ulong r3 = a._l3 + b._l3 + c;
        return new UInt256(r0, r1, r2, r3);
    }

    public static UInt256 operator -(in UInt256 a, in UInt256 b)
    {
        ulong r0 = a._l0 - b._l0;
        ulong borrow = a._l0 < b._l0 ? 1UL : 0;
        ulong r1 = SubBorrow(a._l1, b._l1, ref borrow);
        ulong r2 = SubBorrow(a._l2, b._l2, ref borrow);
        ulong r3 = a._l3 - b._l3 - borrow;
        return new UInt256(r0, r1, r2, r3);
    }

    public static UInt256 operator ~(in UInt256 a) => new(~a._l0, ~a._l1, ~a._l2, ~a._l3);

    public static UInt256 operator *(in UInt256 a, ulong m)
    {
        ulong h0 = Math.BigMul(a._l0, m, out ulong r0);
        ulong h1 = Math.BigMul(a._l1, m, out ulong p1);
        ulong h2 = Math.BigMul(a._l2, m, out ulong p2);
        ulong r1 = p1 + h0;
        ulong c = r1 < p1 ? 1UL : 0;
        ulong r2 = AddCarry(p2, h1, ref c);
        ulong r3 = a._l3 * m + h2 + c;
        return new UInt256(r0, r1, r2, r3);
    }

    public static UInt256 operator /(in UInt256 a, ulong d)
    {
        if (d == 0) throw new DivideByZeroException("UInt256 division by zero");
        ulong rem = 0;
        ulong q3 = DivStep(a._l3, d, ref rem);
        ulong q2 = DivStep(a._l2, d, ref rem);
        ulong q1 = DivStep(a._l1, d, ref rem);
        ulong q0 = DivStep(a._l0, d, ref rem);
        return new UInt256(q0, q1, q2, q3);
    }

    public static UInt256 operator /(in UInt256 a, in UInt256 b)
    {
        if (b._l3 == 0 && b._l2 == 0 && b._l1 == 0) return a / b._l0;
        if (a < b) return Zero;
        return DivideKnuth(a, b);
    }

    public static UInt256 operator <<(in UInt256 a, int shift)
    {
        if (shift < 0) throw new ArgumentOutOfRangeException(nameof(shift), "shift must not be negative");
        if (shift >= 256) return Zero;
        ulong l0 = a._l0, l1 = a._l1, l2 = a._l2, l3 = a._l3;
        switch (shift >> 6)
        {
            case 1: (l3, l2, l1, l0) = (l2, l1, l0, 0); break;
            case 2: (l3, l2, l1, l0) = (l1, l0, 0, 0); break;
            case 3: (l3, l2, l1, l0) = (l0, 0, 0, 0); break;
        }
        int b = shift & 63;
        if (b == 0) return new UInt256(l0, l1, l2, l3);
        return new UInt256(l0 << b, (l1 << b) | (l0 >> (64 - b)), (l2 << b) | (l1 >> (64 - b)), (l3 << b) | (l2 >> (64 - b)));
    }

    public static UInt256 operator >>(in UInt256 a, int shift)
    {
        if (shift < 0) throw new ArgumentOutOfRangeException(nameof(shift), "shift must not be negative");
        if (shift >= 256) return Zero;
        ulong l0 = a._l0, l1 = a._l1, l2 = a._l2, l3 = a._l3;
        switch (shift >> 6)
        {
            case 1: (l0, l1, l2, l3) = (l1, l2, l3, 0); break;
            case 2: (l0, l1, l2, l3) = (l2, l3, 0, 0); break;
            case 3: (l0, l1, l2, l3) = (l3, 0, 0, 0); break;
        }
        int b = shift & 63;
        if (b == 0) return new UInt256(l0, l1, l2, l3);
        return new UInt256((l0 >> b) | (l1 << (64 - b)), (l1 >> b) | (l2 << (64 - b)), (l2 >> b) | (l3 << (64 - b)), l3 >> b);
    }

    public int CompareTo(UInt256 other)
    {
        if (_l3 != other._l3) return _l3 < other._l3 ? -1 : 1;
        if (_l2 != other._l2) return _l2 < other._l2 ? -1 : 1;
        if (_l1 != other._l1) return _l1 < other._l1 ? -1 : 1;
        if (_l0 != other._l0) return _l0 < other._l0 ? -1 : 1;
        return 0;
    }

    public static bool operator <(in UInt256 a, in UInt256 b) => a.CompareTo(b) < 0;
    public static bool operator >(in UInt256 a, in UInt256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(in UInt256 a, in UInt256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(in UInt256 a, in UInt256 b) => a.CompareTo(b) >= 0;

    public bool Equals(UInt256 other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;
    public override bool Equals(object? obj) => obj is UInt256 u && Equals(u);
    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);
    public static bool operator ==(in UInt256 a, in UInt256 b) => a.Equals(b);
    public static bool operator !=(in UInt256 a, in UInt256 b) => !a.Equals(b);

    /// <summary>
    /// Decodes compact nBits exactly as Core's arith_uint256::SetCompact: a 3-byte mantissa with a
    /// sign bit (0x00800000) and a byte-count exponent. <paramref name="negative"/> and
    /// <paramref name="overflow"/> are only ever set for a non-zero mantissa.
    /// </summary>
    public static UInt256 FromCompact(uint compact, out bool negative, out bool overflow)
    {
        int size = (int)(compact >> 24);
        uint word = compact & 0x007fffff;
        // As in Core, a small exponent shifts the mantissa first, and the flags look at what is left.
        if (size <= 3) word >>= 8 * (3 - size);
        UInt256 value = size <= 3 ? new UInt256(word) : new UInt256(word) << (8 * (size - 3));
        negative = word != 0 && (compact & 0x00800000) != 0;
        overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return value;
    }

    /// <summary>Encodes as compact nBits exactly as Core's arith_uint256::GetCompact.</summary>
    public uint ToCompact(bool negative = false)
    {
        int size = (Bits() + 7) / 8;
        uint compact = size <= 3
            ? (uint)(_l0 << (8 * (3 - size)))
            : (uint)(this >> (8 * (size - 3)))._l0;
        // The mantissa is signed: if its top bit would be set, move one byte into the exponent.
        if ((compact & 0x00800000) != 0)
        {
            compact >>= 8;
            size++;
        }
        compact |= (uint)size << 24;
        if (negative && (compact & 0x007fffff) != 0) compact |= 0x00800000;
        return compact;
    }

    /// <summary>
    /// The expected number of hashes to meet a target: Core's GetBlockProof,
    /// 2^256 / (target + 1) computed as ~target / (target + 1) + 1; zero for a negative,
    /// overflowing or zero target.
    /// </summary>
    public static UInt256 Work(uint bits)
    {
        var target = FromCompact(bits, out bool negative, out bool overflow);
        if (negative || overflow || target.IsZero) return Zero;
        return WorkOfTarget(target);
    }

    /// <summary>2^256 / (target + 1) for a non-zero target.</summary>
    public static UInt256 WorkOfTarget(in UInt256 target) => ~target / (target + One) + One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong s = x + y;
        ulong c1 = s < x ? 1UL : 0;
        ulong r = s + carry;
        carry = c1 | (r < s ? 1UL : 0);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow(ulong x, ulong y, ref ulong borrow)
    {
        ulong d = x - y;
        ulong b1 = x < y ? 1UL : 0;
        ulong r = d - borrow;
        borrow = b1 | (d < borrow ? 1UL : 0);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DivStep(ulong limb, ulong d, ref ulong rem)
    {
        if (rem == 0)
        {
            ulong q = limb / d;
            rem = limb - q * d;
            return q;
        }
        var (quot, r) = UInt128.DivRem(new UInt128(rem, limb), d);
        rem = (ulong)r;
        return (ulong)quot;
    }

    /// <summary>Knuth's algorithm D on 32-bit digits, for a divisor of at least 65 bits and a ≥ b.</summary>
    [SkipLocalsInit]
    private static UInt256 DivideKnuth(in UInt256 a, in UInt256 b)
    {
        Span<uint> u = stackalloc uint[8];
        Span<uint> v = stackalloc uint[8];
        ToDigits(a, u);
        ToDigits(b, v);
        int m = DigitCount(u), n = DigitCount(v);

        int s = BitOperations.LeadingZeroCount(v[n - 1]);
        Span<uint> vn = stackalloc uint[8];
        Span<uint> un = stackalloc uint[9];
        for (int i = n - 1; i > 0; i--) vn[i] = (v[i] << s) | (uint)((ulong)v[i - 1] >> (32 - s));
        vn[0] = v[0] << s;
        un[m] = (uint)((ulong)u[m - 1] >> (32 - s));
        for (int i = m - 1; i > 0; i--) un[i] = (u[i] << s) | (uint)((ulong)u[i - 1] >> (32 - s));
        un[0] = u[0] << s;

        Span<uint> q = stackalloc uint[8];
        q.Clear();
        ulong vTop = vn[n - 1], vNext = vn[n - 2];
        for (int j = m - n; j >= 0; j--)
        {
            ulong num = ((ulong)un[j + n] << 32) | un[j + n - 1];
            ulong qhat = num / vTop;
            ulong rhat = num - qhat * vTop;
            while (qhat > uint.MaxValue || qhat * vNext > ((rhat << 32) | un[j + n - 2]))
            {
                qhat--;
                rhat += vTop;
                if (rhat > uint.MaxValue) break;
            }

            long borrow = 0, t;
            for (int i = 0; i < n; i++)
            {
                ulong p = qhat * vn[i];
                t = un[i + j] - borrow - (long)(p & 0xffffffff);
                un[i + j] = (uint)t;
                borrow = (long)(p >> 32) - (t >> 32);
            }
            t = un[j + n] - borrow;
            un[j + n] = (uint)t;

            if (t < 0)
            {
                // qhat was one too large (rare): add the divisor back.
                qhat--;
                ulong carry = 0;
                for (int i = 0; i < n; i++)
                {
                    ulong sum = (ulong)un[i + j] + vn[i] + carry;
                    un[i + j] = (uint)sum;
                    carry = sum >> 32;
                }
                un[j + n] += (uint)carry;
            }
            q[j] = (uint)qhat;
        }
        return new UInt256(
            q[0] | ((ulong)q[1] << 32), q[2] | ((ulong)q[3] << 32),
            q[4] | ((ulong)q[5] << 32), q[6] | ((ulong)q[7] << 32));
    }

    private static void ToDigits(in UInt256 x, Span<uint> d)
    {
        d[0] = (uint)x._l0; d[1] = (uint)(x._l0 >> 32);
        d[2] = (uint)x._l1; d[3] = (uint)(x._l1 >> 32);
        d[4] = (uint)x._l2; d[5] = (uint)(x._l2 >> 32);
        d[6] = (uint)x._l3; d[7] = (uint)(x._l3 >> 32);
    }

    private static int DigitCount(ReadOnlySpan<uint> d)
    {
        int n = d.Length;
        while (n > 0 && d[n - 1] == 0) n--;
        return n;
    }
}
