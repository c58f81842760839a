using System.Buffers;
using System.Runtime.CompilerServices;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>
/// A headers message decoded on the peer's task into arrays kept for the peer's life: the headers, each one's hash, and the first
/// header whose proof of work fails (Core's CheckHeadersPoW needs nothing but the header itself).
/// </summary>
internal sealed class DecodedHeaders
{
    private BlockHeader[] _headers = [];
    private Hash256[] _hashes = [];

    public int Count { get; private set; }

    public ReadOnlySpan<BlockHeader> Headers => _headers.AsSpan(0, Count);

    public ReadOnlySpan<Hash256> Hashes => _hashes.AsSpan(0, Count);

    /// <summary>The first header whose hash does not meet its own nBits target, or a valid result when none.</summary>
    public HeaderValidationResult ProofOfWork { get; private set; }

    // Called once per message with a loop over up to 2,000 headers: compiled optimized at once, rather than run
    // unoptimized and then recompiled mid-loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(in ReadOnlySequence<byte> payload, HeaderValidator pow)
    {
        int count = HeadersMessage.ReadCount(payload);
        if (_headers.Length < count)
        {
            // Kept for the peer's life (a message never holds more than MAX_HEADERS_RESULTS, checked by ReadCount).
            _headers = new BlockHeader[Math.Max(count, 16)];
            _hashes = new Hash256[_headers.Length];
        }
        Count = HeadersMessage.Decode(payload, _headers);
        var first = default(HeaderValidationResult);
        for (int i = 0; i < Count; i++)
        {
            _hashes[i] = _headers[i].GetHash();
            if (first.IsValid) first = pow.CheckProofOfWork(_headers[i], _hashes[i]);
        }
        ProofOfWork = first;
    }
}
