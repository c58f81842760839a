namespace Node.Rpc.Codec;

/// <summary>BIP173 bech32 and BIP350 bech32m (the checksum constant tells which).</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;
    private const int MaxLength = 90;

    public enum Encoding
    {
        Invalid,
        Bech32,
        Bech32m,
    }

    /// <summary>Splits and checks a bech32(m) string; returns the 5-bit data without the checksum.</summary>
    public static Encoding Decode(string text, out string hrp, out byte[] data)
    {
        hrp = "";
        data = [];
        if (text.Length > MaxLength) return Encoding.Invalid;
        bool lower = false, upper = false;
        foreach (char c in text)
        {
            if (c < 33 || c > 126) return Encoding.Invalid;
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
        }
        if (lower && upper) return Encoding.Invalid;
        text = text.ToLowerInvariant();

        int separator = text.LastIndexOf('1');
        if (separator < 1 || separator + 7 > text.Length) return Encoding.Invalid;
        hrp = text[..separator];
        var values = new byte[text.Length - separator - 1];
        for (int i = 0; i < values.Length; i++)
        {
            int v = Charset.IndexOf(text[separator + 1 + i], StringComparison.Ordinal);
            if (v < 0) return Encoding.Invalid;
            values[i] = (byte)v;
        }

        uint check = Polymod(hrp, values);
        var encoding = check switch
        {
            Bech32Constant => Encoding.Bech32,
            Bech32mConstant => Encoding.Bech32m,
            _ => Encoding.Invalid,
        };
        if (encoding != Encoding.Invalid) data = values[..^6];
        return encoding;
    }

    /// <summary>Encodes a witness program as Core's EncodeDestination does: bech32 for v0, bech32m for v1+.</summary>
    public static string EncodeWitness(string hrp, int version, ReadOnlySpan<byte> program)
    {
        var values = new List<byte>(1 + (program.Length * 8 + 4) / 5 + 6) { (byte)version };
        int acc = 0, bits = 0;
        foreach (byte b in program)
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                values.Add((byte)((acc >> bits) & 31));
            }
        }
        if (bits > 0) values.Add((byte)((acc << (5 - bits)) & 31));

        uint constant = version == 0 ? Bech32Constant : Bech32mConstant;
        int dataLength = values.Count;
        values.AddRange(new byte[6]);
        uint check = Polymod(hrp, [.. values]) ^ constant;
        for (int i = 0; i < 6; i++) values[dataLength + i] = (byte)((check >> (5 * (5 - i))) & 31);

        var text = new System.Text.StringBuilder(hrp.Length + 1 + values.Count).Append(hrp).Append('1');
        foreach (byte v in values) text.Append(Charset[v]);
        return text.ToString();
    }

    private static uint Polymod(string hrp, byte[] values)
    {
        uint chk = 1;
        foreach (char c in hrp) chk = Step(chk) ^ (uint)(c >> 5);
        chk = Step(chk);
        foreach (char c in hrp) chk = Step(chk) ^ (uint)(c & 31);
        foreach (byte v in values) chk = Step(chk) ^ v;
        return chk;
    }

    private static uint Step(uint chk)
    {
        uint top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }

    /// <summary>Regroups 5-bit values into bytes; padding must be zero and shorter than a group (BIP173).</summary>
    public static bool TryConvert5To8(ReadOnlySpan<byte> values, out byte[] bytes)
    {
        var output = new List<byte>(values.Length * 5 / 8);
        int acc = 0, bits = 0;
        foreach (byte v in values)
        {
            acc = (acc << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)((acc >> bits) & 0xff));
            }
        }
        bytes = [.. output];
        return bits < 5 && ((acc << (8 - bits)) & 0xff) == 0;
    }
}
