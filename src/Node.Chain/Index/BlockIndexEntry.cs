using System.Runtime.InteropServices;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.Index;

/// <summary>
/// One known header, stored by value in the <see cref="BlockIndex"/> arena and addressed by an
/// int id. The previous-block hash is not stored: it is the parent entry's hash.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct BlockIndexEntry
{
    internal Hash256 _hash;
    internal Hash256 _merkleRoot;
    internal UInt256 _chainWork;
    internal int _version;
    internal uint _time;
    internal uint _bits;
    internal uint _nonce;
    internal int _height;
    internal int _parent;
    internal int _skip;
    internal BlockStatus _status;
    internal BlockLocation _location;
    internal uint _wireChecksum; // fills the padding before the ulong: the entry stays 152 bytes
    internal ulong _checksum;

    public readonly Hash256 Hash => _hash;
    public readonly Hash256 MerkleRoot => _merkleRoot;
    /// <summary>Sum of the work of this header and all its ancestors.</summary>
    public readonly UInt256 ChainWork => _chainWork;
    public readonly int Version => _version;
    public readonly uint Time => _time;
    public readonly uint Bits => _bits;
    public readonly uint Nonce => _nonce;
    public readonly int Height => _height;
    /// <summary>The parent's id, or <see cref="BlockIndex.None"/> for genesis.</summary>
    public readonly int Parent => _parent;
    public readonly BlockStatus Status => _status;
    /// <summary>Where the block bytes are; meaningful once <see cref="BlockStatus.DataStored"/> is set.</summary>
    public readonly BlockLocation Location => _location;
    /// <summary>Checksum of the stored block bytes (see <see cref="StoredBlock"/>).</summary>
    public readonly ulong Checksum => _checksum;
    /// <summary>Message checksum of the stored block bytes, 0 when not known (see <see cref="BlockIndexRow.WireChecksum"/>).</summary>
    public readonly uint WireChecksum => _wireChecksum;

    public readonly bool IsFailedOrDescendsFromFailed => (_status & BlockStatus.FailureMask) != 0;
}
