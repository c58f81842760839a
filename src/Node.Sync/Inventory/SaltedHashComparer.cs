using System.Runtime.InteropServices;
using Node.Primitives;

namespace Node.Sync.Inventory;

/// <summary>
/// Hash256 equality with a hash code over all 32 bytes and the process's random HashCode seed.
/// <see cref="Hash256.GetHashCode"/> folds only the low 64 bits, which a peer announcing made-up hashes
/// could collide at will to turn a dictionary into a list.
/// </summary>
internal sealed class SaltedHashComparer : IEqualityComparer<Hash256>
{
    public static readonly SaltedHashComparer Instance = new();

    public bool Equals(Hash256 x, Hash256 y) => x.Equals(y);

    public int GetHashCode(Hash256 hash)
    {
        var limbs = MemoryMarshal.Cast<byte, ulong>(hash.Bytes);
        return HashCode.Combine(limbs[0], limbs[1], limbs[2], limbs[3]);
    }
}
