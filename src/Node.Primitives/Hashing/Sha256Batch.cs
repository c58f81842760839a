namespace Node.Primitives.Hashing;

/// <summary>
/// Collects double hashes and runs them as native batches, where SHA-NI keeps four interleaved
/// lanes busy (each lane takes the next job as soon as its own ends). Works on raw pointers: the
/// caller keeps every message and output pinned until <see cref="Flush"/> returns. Outputs must not
/// overlap any message. Lives on the stack; no allocation.
/// </summary>
internal unsafe ref struct Sha256Batch(Span<Sha256Native.Job> storage)
{
    private readonly Span<Sha256Native.Job> _jobs = storage;
    private int _count;

    /// <summary>
    /// Queues the double hash of <paramref name="length"/> bytes at <paramref name="data"/> or, when
    /// <paramref name="witnessOffset"/> is not 0, of that segwit transaction stripped of its
    /// witnesses (<see cref="Sha256.DoubleHashStrippedTx"/>); it goes to <paramref name="hash"/> and to
    /// <paramref name="also"/> unless null. A full batch is hashed at once.
    /// </summary>
    public void Add(byte* data, int length, int witnessOffset, byte* hash, byte* also)
    {
        _jobs[_count++] = new Sha256Native.Job
        {
            Data = data,
            Length = (nuint)length,
            WitnessOffset = (nuint)witnessOffset,
            Out = hash,
            Also = also,
        };
        if (_count == _jobs.Length) Flush();
    }

    /// <summary>Hashes every job queued.</summary>
    public void Flush()
    {
        if (_count == 0) return;
        if (Sha256Native.Available)
        {
            fixed (Sha256Native.Job* jobs = _jobs) Sha256Native.DoubleHashBatch(jobs, _count);
        }
        else
        {
            Sha256Managed.DoubleHashBatch(_jobs[.._count]);
        }
        _count = 0;
    }
}
