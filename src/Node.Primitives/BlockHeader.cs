using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Node.Primitives.Hashing;

namespace Node.Primitives;

/// <summary>The 80-byte block header.</summary>
/// <remarks>
/// Packed to 4 bytes so the struct is exactly the wire layout on little-endian machines: reading and
/// writing a header is then one 80-byte copy, which is what makes decoding a 2,000-header message cheap.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct BlockHeader(
    int Version, Hash256 PrevBlock, Hash256 MerkleRoot, uint Time, uint Bits, uint Nonce)
{
    public const int Size = 80;

    public static BlockHeader Read(ReadOnlySpan<byte> s)
    {
        if (s.Length < Size) throw new ArgumentException("a block header is 80 bytes", nameof(s));
        if (BitConverter.IsLittleEndian) return MemoryMarshal.Read<BlockHeader>(s);
        return new BlockHeader(
            BinaryPrimitives.ReadInt32LittleEndian(s),
            new Hash256(s[4..36]),
            new Hash256(s[36..68]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[68..]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[72..]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[76..]));
    }

    public void Write(Span<byte> d)
    {
        if (d.Length < Size) throw new ArgumentException("a block header is 80 bytes", nameof(d));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Write(d, in this);
            return;
        }
        BinaryPrimitives.WriteInt32LittleEndian(d, Version);
        PrevBlock.WriteTo(d[4..]);
        MerkleRoot.WriteTo(d[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(d[68..], Time);
        BinaryPrimitives.WriteUInt32LittleEndian(d[72..], Bits);
        BinaryPrimitives.WriteUInt32LittleEndian(d[76..], Nonce);
    }

    public Hash256 GetHash()
    {
        Span<byte> raw = stackalloc byte[Size];
        Write(raw);
        return Sha256.DoubleHash(raw);
    }

    /// <summary>The hash of a serialized header, without decoding it.</summary>
    public static Hash256 HashOf(ReadOnlySpan<byte> raw80) => Sha256.DoubleHash(raw80[..Size]);
}
