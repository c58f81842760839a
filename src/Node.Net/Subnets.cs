using System.Net;
using System.Net.Sockets;

namespace Node.Net;

/// <summary>
/// Parsing and matching of addresses and networks as Core's LookupSubNet reads them: an address alone
/// (a single-host network), address/prefix-length, or address/netmask. Host bits are cleared; IPv4-mapped
/// IPv6 addresses are treated as IPv4.
/// </summary>
public static class Subnets
{
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static IPNetwork Single(IPAddress address)
    {
        address = Normalize(address);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        int slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address)) return false;
        address = Normalize(address);
        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = bits;
        if (slash >= 0)
        {
            var mask = text[(slash + 1)..];
            if (int.TryParse(mask, System.Globalization.NumberStyles.None, null, out int length))
            {
                if (length > bits) return false;
                prefix = length;
            }
            else if (!TryPrefixOfNetmask(mask, address.AddressFamily, out prefix))
            {
                return false;
            }
        }
        network = new IPNetwork(ClearHostBits(address, prefix), prefix);
        return true;
    }

    public static bool Contains(IPNetwork network, IPAddress address) => network.Contains(Normalize(address));

    private static bool TryPrefixOfNetmask(string text, AddressFamily family, out int prefix)
    {
        prefix = 0;
        if (!IPAddress.TryParse(text, out var mask) || mask.AddressFamily != family) return false;
        var bytes = mask.GetAddressBytes();
        bool zeros = false;
        foreach (byte b in bytes)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                bool set = (b >> bit & 1) != 0;
                if (set && zeros) return false; // not contiguous: Core refuses such a mask
                if (set) prefix++;
                else zeros = true;
            }
        }
        return true;
    }

    private static IPAddress ClearHostBits(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF00 >> keep);
        }
        return new IPAddress(bytes);
    }
}
