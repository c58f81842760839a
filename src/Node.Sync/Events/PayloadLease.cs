using System.Buffers;

namespace Node.Sync.Events;

/// <summary>Lends a received payload to the sync core (a peer holding its receive buffer, or a pooled copy of a block).</summary>
public interface IPayloadLender
{
    /// <summary>The lent bytes; valid until <see cref="Release"/> with the same token.</summary>
    ReadOnlySequence<byte> GetPayload(short token);

    /// <summary>The core is done with the bytes; the lender may reuse them. Called once per lease.</summary>
    void Release(short token);
}

/// <summary>
/// A handle on lent bytes: the lender and a token that tells its loans apart, so a lender (one per peer)
/// is reused for every message without allocating.
/// </summary>
public readonly record struct PayloadLease(IPayloadLender? Lender, short Token)
{
    public bool IsEmpty => Lender is null;

    public ReadOnlySequence<byte> Payload => Lender is null ? ReadOnlySequence<byte>.Empty : Lender.GetPayload(Token);

    public void Release() => Lender?.Release(Token);
}
