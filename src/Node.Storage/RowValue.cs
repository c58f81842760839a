using System.Runtime.CompilerServices;
using Node.Primitives;
using RocksDbSharp;

namespace Node.Storage;

/// <summary>
/// A block_index value copied out of RocksDB's buffer by a point read, without allocating; rows of
/// either codec version fit.
/// </summary>
internal struct RowValue
{
    private Buffer _buffer;
    private int _length;
    private bool _found;

    /// <summary>Stateless, so one instance serves every thread.</summary>
    public static readonly ISpanDeserializer<RowValue> Reader = new Deserializer();

    /// <summary>False when the key has no value (RocksDB then returns the default).</summary>
    public readonly bool Found => _found;

    public readonly BlockIndexRow Decode(in Hash256 hash)
    {
        if (_length > BlockIndexRowCodec.Size)
            throw new StorageCorruptionException(StorageError.BadIndexRow,
                $"block_index row of {hash} has a {_length}-byte value; no version is longer than {BlockIndexRowCodec.Size}");
        return BlockIndexRowCodec.Read(hash.Bytes, ((ReadOnlySpan<byte>)_buffer)[.._length]);
    }

    [InlineArray(BlockIndexRowCodec.Size)]
    private struct Buffer
    {
        private byte _element;
    }

    private sealed class Deserializer : ISpanDeserializer<RowValue>
    {
        public RowValue Deserialize(ReadOnlySpan<byte> value)
        {
            var row = new RowValue { _found = true, _length = value.Length };
            if (value.Length <= BlockIndexRowCodec.Size) value.CopyTo(row._buffer);
            return row;
        }
    }
}
