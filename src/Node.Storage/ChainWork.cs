using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Node.Storage;

/// <summary>Cumulative chain work as stored: 32 bytes, a little-endian 256-bit number.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct ChainWork : IEquatable<ChainWork>
{
    public const int Size = 32;
    private readonly ulong _a, _b, _c, _d;

    public ChainWork(ReadOnlySpan<byte> littleEndian32)
    {
        if (littleEndian32.Length < Size) throw new ArgumentException("chain work is 32 bytes", nameof(littleEndian32));
        _a = BinaryPrimitives.ReadUInt64LittleEndian(littleEndian32);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(littleEndian32[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(littleEndian32[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(littleEndian32[24..]);
    }

    /// <summary>The 32 little-endian bytes, without a copy.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in _a, 4));

    public bool Equals(ChainWork other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is ChainWork w && Equals(w);
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);
    public static bool operator ==(ChainWork x, ChainWork y) => x.Equals(y);
    public static bool operator !=(ChainWork x, ChainWork y) => !x.Equals(y);
}
