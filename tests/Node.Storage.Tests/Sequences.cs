using System.Buffers;

namespace Node.Storage.Tests;

/// <summary>Multi-segment sequences, as a socket pipe hands them out.</summary>
public static class Sequences
{
    public static ReadOnlySequence<byte> Segmented(byte[] data, int segmentSize)
    {
        Segment? first = null, last = null;
        for (int at = 0; at < data.Length; at += segmentSize)
        {
            var memory = data.AsMemory(at, Math.Min(segmentSize, data.Length - at));
            if (first is null) first = last = new Segment(memory, 0);
            else last = last!.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
