namespace Node.Net;

/// <summary>Protocol versions that change the handshake (Core's node/protocol_version.h).</summary>
public static class ProtocolVersions
{
    /// <summary>PROTOCOL_VERSION: the version this node speaks.</summary>
    public const int Current = 70016;

    /// <summary>
    /// The lowest version accepted from a peer. Core's MIN_PEER_PROTO_VERSION is 31800; this node asks
    /// for 70001 (BIP37's relay flag in version) by default, which every segwit-era node exceeds.
    /// </summary>
    public const int MinPeer = 70001;

    /// <summary>SENDHEADERS_VERSION (BIP130).</summary>
    public const int SendHeaders = 70012;

    /// <summary>FEEFILTER_VERSION (BIP133).</summary>
    public const int FeeFilter = 70013;

    /// <summary>WTXID_RELAY_VERSION (BIP339); sendaddrv2 (BIP155) is sent from the same version on.</summary>
    public const int WtxidRelay = 70016;
}
