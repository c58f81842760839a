using System.Runtime.CompilerServices;

namespace Node.Primitives.Transactions;

/// <summary>CompactSize reads for data the decoder has already validated (so they cannot fail).</summary>
internal static class ValidatedCompactSize
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(ReadOnlySpan<byte> data, ref int position)
    {
        byte first = data[position];
        if (first < 0xfd)
        {
            position++;
            return first;
        }
        position += CompactSize.TryRead(data[position..], out ulong value);
        return (int)value;
    }
}
