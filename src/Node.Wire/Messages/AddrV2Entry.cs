namespace Node.Wire;

/// <summary>
/// An addrv2 entry (BIP155): time (u32 LE), services (CompactSize), network id, address bytes, port (u16 BE).
/// Entries of networks Core does not know (including TorV2) are carried as received; Core reads them and
/// turns them into invalid addresses, so an address manager should skip them.
/// </summary>
public readonly record struct AddrV2Entry(uint Time, ulong Services, AddrV2Network Network, ReadOnlyMemory<byte> Address, ushort Port)
{
    /// <summary>BIP155's fixed address size for a network Core knows, or -1 for any other network.</summary>
    public static int AddressSizeOf(AddrV2Network network) => network switch
    {
        AddrV2Network.IPv4 => 4,
        AddrV2Network.IPv6 => 16,
        AddrV2Network.TorV3 => 32,
        AddrV2Network.I2P => 32,
        AddrV2Network.Cjdns => 16,
        _ => -1,
    };

    public bool Equals(AddrV2Entry other) => Time == other.Time && Services == other.Services && Network == other.Network
        && Port == other.Port && Address.Span.SequenceEqual(other.Address.Span);

    public override int GetHashCode() => HashCode.Combine(Time, Services, Network, Port, Address.Length);
}
