using System.Buffers;

namespace Node.Tests;

/// <summary>Builds multi-segment sequences, the shape a PipeReader hands out.</summary>
public static class Sequences
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    /// <summary>The data cut at the given ascending positions (equal cuts give empty segments).</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        int start = 0;
        Segment? first = null, last = null;
        foreach (int cut in cuts.Append(data.Length))
        {
            var piece = data.AsMemory(start, cut - start);
            last = last is null ? first = new Segment(piece) : last.Append(piece);
            start = cut;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    public static ReadOnlySequence<byte> Chunked(byte[] data, int chunk)
    {
        var cuts = new List<int>();
        for (int at = chunk; at < data.Length; at += chunk) cuts.Add(at);
        return Split(data, [.. cuts]);
    }

    public static ReadOnlySequence<byte> RandomSplit(byte[] data, Random random, int pieces)
    {
        var cuts = new int[pieces - 1];
        for (int i = 0; i < cuts.Length; i++) cuts[i] = random.Next(data.Length + 1);
        Array.Sort(cuts);
        return Split(data, cuts);
    }
}
