using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Chain.Mining;

/// <summary>Searches the header nonce for a hash at or under the target of the header's bits.</summary>
public static class NonceGrinder
{
    /// <summary>
    /// Tries nonces from 0 in the serialized <paramref name="header80"/>, leaving the first that works
    /// in place and returning the hash. At regtest difficulty about every second nonce works.
    /// </summary>
    public static bool TryGrind(Span<byte> header80, out Hash256 hash)
    {
        var target = UInt256.FromCompact(BinaryPrimitives.ReadUInt32LittleEndian(header80[72..]), out bool negative, out bool overflow);
        hash = default;
        if (negative || overflow || target.IsZero) return false;
        var nonceField = header80.Slice(76, 4);
        uint nonce = 0;
        do
        {
            BinaryPrimitives.WriteUInt32LittleEndian(nonceField, nonce);
            hash = BlockHeader.HashOf(header80);
            if (UInt256.FromHash(hash) <= target) return true;
        }
        while (++nonce != 0);
        return false;
    }
}
