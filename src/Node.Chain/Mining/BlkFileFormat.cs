using System.Buffers.Binary;

namespace Node.Chain.Mining;

/// <summary>Core's blk*.dat record framing: message start, little-endian length, block.</summary>
public static class BlkFileFormat
{
    public const int RecordHeaderSize = 8;

    public static void WriteRecord(Stream stream, ReadOnlySpan<byte> messageStart, ReadOnlySpan<byte> block)
    {
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        messageStart[..4].CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)block.Length);
        stream.Write(header);
        stream.Write(block);
    }
}
