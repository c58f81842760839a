using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Node.Primitives;

/// <summary>
/// A 32-byte hash in internal (wire) byte order. Its display form, as in block explorers
/// and RPC, is the byte-reversed hex string.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;
    private readonly ulong _a, _b, _c, _d;

    public static Hash256 Zero => default;

    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size) throw new ArgumentException("a hash needs 32 bytes", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    /// <summary>The 32 bytes in internal order, without a copy.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in _a, 4));

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public void WriteTo(Span<byte> destination) => Bytes.CopyTo(destination);

    /// <summary>Parses the display (byte-reversed) hex form.</summary>
    public static Hash256 Parse(string displayHex)
    {
        if (!TryParse(displayHex, out var h)) throw new FormatException("a hash is 64 hex digits");
        return h;
    }

    public static bool TryParse(ReadOnlySpan<char> displayHex, out Hash256 hash)
    {
        hash = default;
        if (displayHex.Length != Size * 2) return false;
        Span<byte> raw = stackalloc byte[Size];
        if (Convert.FromHexString(displayHex, raw, out _, out int written) != System.Buffers.OperationStatus.Done || written != Size)
            return false;
        raw.Reverse();
        hash = new Hash256(raw);
        return true;
    }

    /// <summary>Display form: byte-reversed lowercase hex.</summary>
    public override string ToString()
    {
        Span<byte> raw = stackalloc byte[Size];
        Bytes.CopyTo(raw);
        raw.Reverse();
        return Convert.ToHexStringLower(raw);
    }

    /// <summary>The low 64 bits; hashes are uniformly distributed, so this is a good table key.</summary>
    public ulong Low64 => _a;

    public bool Equals(Hash256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is Hash256 h && Equals(h);
    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);
    public static bool operator ==(Hash256 x, Hash256 y) => x.Equals(y);
    public static bool operator !=(Hash256 x, Hash256 y) => !x.Equals(y);

    /// <summary>Orders as 256-bit little-endian numbers (the way targets compare).</summary>
    public int CompareTo(Hash256 other)
    {
        int c = _d.CompareTo(other._d);
        if (c != 0) return c;
        c = _c.CompareTo(other._c);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        return c != 0 ? c : _a.CompareTo(other._a);
    }

    internal ulong Limb(int i) => i switch { 0 => _a, 1 => _b, 2 => _c, _ => _d };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Hash256 FromLimbs(ulong a, ulong b, ulong c, ulong d)
    {
        Span<ulong> l = [a, b, c, d];
        return MemoryMarshal.Read<Hash256>(MemoryMarshal.AsBytes(l));
    }
}
