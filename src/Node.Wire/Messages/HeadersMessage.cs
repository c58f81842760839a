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
        for (int i = 0; i < count; i++)
        {
            var span = r.UnreadSpan;
            if (span.Length >= MinEntrySize && span[BlockHeader.Size] < 0xfd)
            {
                // The usual case: header and a one-byte count inside the current segment.
                destination[i] = BlockHeader.Read(span);
                r.Advance(MinEntrySize);
                continue;
            }
            if (span.Length >= BlockHeader.Size)
            {
                destination[i] = BlockHeader.Read(span);
                r.Advance(BlockHeader.Size);
            }
            else
            {
                r.ReadBytes(straddling, "header");
                destination[i] = BlockHeader.Read(straddling);
            }
            ulong txCount = r.ReadCompactSize("header tx count");
            if (txCount > CompactSize.MaxSize) WireThrow.CompactSizeTooLarge("header tx count", txCount);
        }
        return count;
    }

    private static int ReadCount(ref PayloadReader r) =>
        r.ReadCount("headers", ProtocolLimits.MaxHeaders, "MAX_HEADERS_RESULTS", MinEntrySize);
}
