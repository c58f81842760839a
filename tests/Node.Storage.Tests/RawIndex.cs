using System.Buffers.Binary;
using System.Security.Cryptography;
using Node.Primitives;
using RocksDbSharp;

namespace Node.Storage.Tests;

/// <summary>Direct access to a closed store's block_index rows, to write old-format rows or damage them as a disk would.</summary>
public static class RawIndex
{
    /// <summary>Offset of the wire checksum in a version 2 row.</summary>
    public const int WireChecksumAt = BlockIndexRowCodec.Version1Size;

    public static byte[] Get(string dataDir, Hash256 hash)
    {
        using var db = Open(dataDir);
        return db.Get(hash.Bytes.ToArray(), db.GetColumnFamily(BlockIndexDb.BlockIndexFamily));
    }

    public static void Put(string dataDir, Hash256 hash, byte[] value)
    {
        using var db = Open(dataDir);
        db.Put(hash.Bytes.ToArray(), value, db.GetColumnFamily(BlockIndexDb.BlockIndexFamily));
    }

    /// <summary>Rewrites a stored row as a version 1 store wrote it.</summary>
    public static void RewriteAsVersion1(string dataDir, Hash256 hash) =>
        Put(dataDir, hash, Version1Of(BlockIndexRowCodec.Read(hash.Bytes, Get(dataDir, hash))));

    /// <summary>Flips bits of a version 2 row's stored wire checksum, as damage on disk would.</summary>
    public static void DamageWireChecksum(string dataDir, Hash256 hash, uint flip)
    {
        var value = Get(dataDir, hash);
        var field = value.AsSpan(WireChecksumAt);
        BinaryPrimitives.WriteUInt32LittleEndian(field, BinaryPrimitives.ReadUInt32LittleEndian(field) ^ flip);
        Put(dataDir, hash, value);
    }

    /// <summary>The row as a version 1 store wrote it: 141 bytes, no wire checksum, the plain block checksum.</summary>
    public static byte[] Version1Of(in BlockIndexRow row)
    {
        var value = new byte[BlockIndexRowCodec.Size];
        BlockIndexRowCodec.Write(row with { WireChecksum = 0 }, value);
        value[0] = BlockIndexRowCodec.Version1;
        return value[..BlockIndexRowCodec.Version1Size];
    }

    /// <summary>The v1 message checksum by the platform's SHA-256, independent of the node's hashing.</summary>
    public static uint Sha256dChecksum(ReadOnlySpan<byte> block) =>
        BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(SHA256.HashData(block)));

    public static RocksDb Open(string dataDir) => RocksDb.Open(new DbOptions(), Path.Combine(dataDir, "blocks", "index"), new ColumnFamilies
    {
        { BlockIndexDb.BlockIndexFamily, new ColumnFamilyOptions() },
        { BlockIndexDb.ChainStateFamily, new ColumnFamilyOptions() },
    });
}
