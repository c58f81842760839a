using System.Buffers;
using System.Text;

namespace Node.Wire;

/// <summary>
/// Core's strings are byte strings, not UTF-8. Latin-1 maps each byte to one char and back, so a
/// received string re-encodes to the same bytes; sanitising for display is the caller's business.
/// </summary>
internal static class WireStrings
{
    public static string Decode(in ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static int ByteCount(string text) => text.Length;

    public static int Write(Span<byte> destination, string text) => Encoding.Latin1.GetBytes(text, destination);
}
