namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's DescriptorChecksum (script/descriptor.cpp): the 8 characters after '#'.</summary>
internal static class DescriptorChecksum
{
    private const string InputCharset =
        "0123456789()[],'/*abcdefgh@:$%{}" +
        "IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~" +
        "ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";

    private const string ChecksumCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>The descriptor with "#checksum" appended.</summary>
    public static string Append(string descriptor) => descriptor + "#" + Compute(descriptor);

    public static string Compute(string descriptor)
    {
        ulong c = 1;
        int cls = 0, clsCount = 0;
        foreach (char ch in descriptor)
        {
            int pos = InputCharset.IndexOf(ch, StringComparison.Ordinal);
            if (pos < 0) throw new ArgumentException($"'{ch}' is not a descriptor character", nameof(descriptor));
            c = PolyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clsCount == 3)
            {
                c = PolyMod(c, cls);
                cls = 0;
                clsCount = 0;
            }
        }
        if (clsCount > 0) c = PolyMod(c, cls);
        for (int j = 0; j < 8; j++) c = PolyMod(c, 0);
        c ^= 1;

        Span<char> checksum = stackalloc char[8];
        for (int j = 0; j < 8; j++) checksum[j] = ChecksumCharset[(int)((c >> (5 * (7 - j))) & 31)];
        return new string(checksum);
    }

    private static ulong PolyMod(ulong c, int value)
    {
        ulong c0 = c >> 35;
        c = ((c & 0x7ffffffff) << 5) ^ (ulong)value;
        if ((c0 & 1) != 0) c ^= 0xf5dee51989;
        if ((c0 & 2) != 0) c ^= 0xa9fdca3312;
        if ((c0 & 4) != 0) c ^= 0x1bab10e32d;
        if ((c0 & 8) != 0) c ^= 0x3706b1677a;
        if ((c0 & 16) != 0) c ^= 0x644d626ffd;
        return c;
    }
}
