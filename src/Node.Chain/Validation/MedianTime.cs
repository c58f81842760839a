using Node.Primitives.Consensus;

namespace Node.Chain.Validation;

public static class MedianTime
{
    /// <summary>
    /// The median of up to 11 timestamps as Core's GetMedianTimePast takes it: sort, then the element
    /// at index count / 2. Does not allocate; the input is left untouched.
    /// </summary>
    public static uint Of(ReadOnlySpan<uint> times)
    {
        if (times.IsEmpty || times.Length > ConsensusConstants.MedianTimeSpan)
            throw new ArgumentException($"a median time needs 1 to {ConsensusConstants.MedianTimeSpan} timestamps", nameof(times));
        Span<uint> sorted = stackalloc uint[ConsensusConstants.MedianTimeSpan];
        sorted = sorted[..times.Length];
        times.CopyTo(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            uint v = sorted[i];
            int j = i - 1;
            while (j >= 0 && sorted[j] > v)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = v;
        }
        return sorted[sorted.Length / 2];
    }
}
