namespace Node.Primitives.Hashing;

/// <summary>
/// Double-hashes a run of independent messages two at a time through
/// <see cref="Sha256.DoubleHashTwo"/>: each <see cref="Add"/> either waits for a partner or hashes
/// itself with the one waiting; <see cref="Flush"/> hashes a last one left alone. Every message and
/// hash span must stay valid until its hash is written. Lives on the stack; no allocation.
/// </summary>
public ref struct PairedDoubleHasher
{
    private ReadOnlySpan<byte> _message;
    private Span<byte> _hash;
    private Span<byte> _copy;
    private bool _waiting;

    /// <summary>
    /// Queues <paramref name="message"/>; its double hash goes to <paramref name="hash32"/> and, unless
    /// it is empty, to <paramref name="copy32"/> as well.
    /// </summary>
    public void Add(ReadOnlySpan<byte> message, Span<byte> hash32, Span<byte> copy32)
    {
        if (!_waiting)
        {
            _message = message;
            _hash = hash32;
            _copy = copy32;
            _waiting = true;
            return;
        }
        Sha256.DoubleHashTwo(_message, message, _hash, hash32);
        CopyOut(_hash, _copy);
        CopyOut(hash32, copy32);
        _waiting = false;
    }

    /// <summary>Hashes the message still waiting for a partner, if any.</summary>
    public void Flush()
    {
        if (!_waiting) return;
        Sha256.DoubleHash(_message, _hash);
        CopyOut(_hash, _copy);
        _waiting = false;
    }

    private static void CopyOut(Span<byte> hash32, Span<byte> copy32)
    {
        if (!copy32.IsEmpty) hash32[..Hash256.Size].CopyTo(copy32);
    }
}
