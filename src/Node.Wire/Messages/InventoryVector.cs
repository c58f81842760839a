using Node.Primitives;

namespace Node.Wire;

/// <summary>One inventory entry: type (u32 LE) and hash, 36 bytes on the wire.</summary>
public readonly record struct InventoryVector(InventoryType Type, Hash256 Hash)
{
    public const int Size = 4 + Hash256.Size;
}
