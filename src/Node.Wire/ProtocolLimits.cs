namespace Node.Wire;

/// <summary>Bitcoin Core's P2P limits (protocol.h, net.h, net_processing.cpp), under Core's names in the docs.</summary>
public static class ProtocolLimits
{
    /// <summary>MAX_PROTOCOL_MESSAGE_LENGTH: a larger declared payload disconnects the peer.</summary>
    public const int MaxPayloadLength = 4_000_000;

    /// <summary>MAX_HEADERS_RESULTS.</summary>
    public const int MaxHeaders = 2_000;

    /// <summary>MAX_INV_SZ, for inv, getdata and notfound.</summary>
    public const int MaxInventory = 50_000;

    /// <summary>MAX_LOCATOR_SZ, for getheaders and getblocks.</summary>
    public const int MaxLocator = 101;

    /// <summary>MAX_ADDR_TO_SEND, for addr and addrv2.</summary>
    public const int MaxAddresses = 1_000;

    /// <summary>MAX_SUBVERSION_LENGTH, the version message's user agent.</summary>
    public const int MaxUserAgentLength = 256;

    /// <summary>MAX_REJECT_MESSAGE_LENGTH, the reject message's reason.</summary>
    public const int MaxRejectReasonLength = 111;

    /// <summary>MAX_ADDRV2_SIZE (BIP155).</summary>
    public const int MaxAddrV2AddressLength = 512;
}
