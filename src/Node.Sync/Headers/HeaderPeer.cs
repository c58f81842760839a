using Node.Primitives;

namespace Node.Sync.Headers;

/// <summary>What header sync knows about one peer.</summary>
internal sealed class HeaderPeer(ulong services, bool isLocalhost, int height)
{
    public readonly ulong Services = services;
    public readonly bool IsLocalhost = isLocalhost;

    /// <summary>The peer's advertised or last known height.</summary>
    public int Height = height;

    /// <summary>False once it fell behind us or showed a low-work chain: never chosen again.</summary>
    public bool Candidate = true;

    /// <summary>Chain work at the end of the header chain it has shown us.</summary>
    public UInt256 LastWork;

    /// <summary>A getheaders to it awaits its answer.</summary>
    public bool AwaitingHeaders;
}
