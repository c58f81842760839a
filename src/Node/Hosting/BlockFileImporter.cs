using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Node.Chain.State;
using Node.Primitives.Consensus;

namespace Node.Hosting;

/// <summary>
/// Core's -loadblock: reads blocks in blk-file framing (message start, little-endian length, block) and
/// hands each to the chain state. Like Core's LoadExternalBlockFile, bytes between records that are not
/// this network's message start are skipped, and a block that does not connect is left to the orphan pool.
/// </summary>
public static partial class BlockFileImporter
{
    private const int RecordHeaderSize = 8;

    /// <summary>Imports one file; returns the number of blocks read. <paramref name="gate"/> is held around each block.</summary>
    public static int Import(string path, ChainState chain, object gate, ILogger log, CancellationToken cancel)
    {
        ReadOnlySpan<byte> magic = chain.Params.MessageStart.Span;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        int blocks = 0, invalid = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (!cancel.IsCancellationRequested && ReadRecordHeader(file, magic, header))
            {
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                if (length < 80 || length > ConsensusConstants.MaxBlockSerializedSize)
                {
                    ImportLog.BadRecord(log, path, file.Position, length);
                    continue;
                }
                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent((int)length);
                }
                if (file.ReadAtLeast(buffer.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false) < length) break;
                BlockProcessResult result;
                lock (gate) result = chain.ProcessBlock(buffer.AsSpan(0, (int)length));
                if (result.IsInvalid)
                {
                    invalid++;
                    ImportLog.InvalidBlock(log, result.Hash.ToString(), result.RejectReason);
                }
                blocks++;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        ImportLog.Imported(log, blocks, invalid, path, chain.TipHeight);
        return blocks;
    }

    /// <summary>Reads up to the next message start and the length after it; false at the end of the file.</summary>
    private static bool ReadRecordHeader(FileStream file, ReadOnlySpan<byte> magic, Span<byte> header)
    {
        int matched = 0;
        while (matched < 4)
        {
            int b = file.ReadByte();
            if (b < 0) return false;
            if (b == magic[matched]) matched++;
            else matched = b == magic[0] ? 1 : 0;
        }
        magic[..4].CopyTo(header);
        return file.ReadAtLeast(header[4..], 4, throwOnEndOfStream: false) == 4;
    }

    private static partial class ImportLog
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Loadblock: skipping a record of impossible length {Length} in {Path} at offset {Offset}")]
        public static partial void BadRecord(ILogger logger, string path, long offset, uint length);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Loadblock: block {Hash} is invalid: {Reason}")]
        public static partial void InvalidBlock(ILogger logger, string hash, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Blocks} blocks ({Invalid} invalid) from external file {Path}; tip height {Height}")]
        public static partial void Imported(ILogger logger, int blocks, int invalid, string path, int height);
    }
}
