namespace Node.Net;

/// <summary>
/// The version nonces of our outbound connections in handshake, shared by all peers of a node: an inbound
/// version carrying one of them is our own connection looped back (Core's CheckIncomingNonce).
/// </summary>
public sealed class HandshakeNonces
{
    private readonly HashSet<ulong> _nonces = [];

    public ulong Create()
    {
        lock (_nonces)
        {
            ulong nonce;
            do nonce = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
            while (nonce == 0 || !_nonces.Add(nonce));
            return nonce;
        }
    }

    public bool IsOurs(ulong nonce)
    {
        lock (_nonces) return _nonces.Contains(nonce);
    }

    public void Release(ulong nonce)
    {
        lock (_nonces) _nonces.Remove(nonce);
    }
}
