using System.Buffers;
using System.Runtime.CompilerServices;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// headers: at most MAX_HEADERS_RESULTS (2,000) entries, each an 80-byte header followed by a
/// transaction count. Core reads that count as a CompactSize (canonical, at most MAX_SIZE) and ignores
/// its value ("assume it is 0"), so a non-zero count is accepted here too; we always send 0.
/// Trailing bytes are ignored, as Core does.
/// </summary>
public readonly ref struct HeadersMessage(ReadOnlySpan<BlockHeader> headers) : IMessagePayload
{
    private const int MinEntrySize = BlockHeader.Size + 1;

    public ReadOnlySpan<BlockHeader> Headers { get; } = headers.Length <= ProtocolLimits.MaxHeaders
        ? headers
        : throw new ArgumentException($"a headers message has at most {ProtocolLimits.MaxHeaders} headers", nameof(headers));

    public Command Command => Command.Headers;

    public int PayloadSize => CompactSize.EncodedLength((ulong)Headers.Length) + Headers.Length * MinEntrySize;

    public void WritePayload(Span<byte> destination)
    {
        int pos = CompactSize.Write(destination, (ulong)Headers.Length);
        foreach (ref readonly var header in Headers)
        {
            header.Write(destination[pos..]);
            destination[pos + BlockHeader.Size] = 0;
            pos += MinEntrySize;
        }
        if (pos != destination.Length) throw new InvalidOperationException("headers payload size mismatch");
    }

    /// <summary>The validated entry count, for sizing the buffer passed to <see cref="Decode"/>.</summary>
    public static int ReadCount(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        return ReadCount(ref r);
    }

    /// <summary>
    /// Decodes every header into <paramref name="destination"/> (at least <see cref="ReadCount"/> entries, or
    /// <see cref="ProtocolLimits.MaxHeaders"/>) and returns how many there were. Allocates nothing.
    /// </summary>
    [SkipLocalsInit]
    public static int Decode(in ReadOnlySequence<byte> payload, Span<BlockHeader> destination)
    {
        var r = new PayloadReader(payload);
        int count = ReadCount(ref r);
        if (destination.Length < count) throw new ArgumentException("header buffer too small", nameof(destination));
        Span<byte> straddling = stackalloc byte[BlockHeader.Size];
        int i = 0;
        while (i < count)
        {
            // The usual case: whole entries with a one-byte tx count inside the current segment,
            // parsed from the span with a single reader advance per segment.
            var span = r.UnreadSpan;
            int pos = 0;
            while (i < count && span.Length - pos >= MinEntrySize && span[pos + BlockHeader.Size] < 0xfd)
            {
                destination[i++] = BlockHeader.Read(span.Slice(pos, BlockHeader.Size));
                pos += MinEntrySize;
            }
            r.Advance(pos);
            if (i == count) break;

            // An entry straddling segments, or a multi-byte tx count.
            if (r.UnreadSpan.Length >= BlockHeader.Size)
            {
                destination[i++] = BlockHeader.Read(r.UnreadSpan);
                r.Advance(BlockHeader.Size);
            }
            else
            {
                r.ReadBytes(straddling, "header");
                destination[i++] = BlockHeader.Read(straddling);
            }
            ulong txCount = r.ReadCompactSize("header tx count");
            if (txCount > CompactSize.MaxSize) WireThrow.CompactSizeTooLarge("header tx count", txCount);
        }
        return count;
    }

    private static int ReadCount(ref PayloadReader r) =>
        r.ReadCount("headers", ProtocolLimits.MaxHeaders, "MAX_HEADERS_RESULTS", MinEntrySize);
}
