using System.Globalization;

namespace Node.Options;

/// <summary>Core's InterpretKey and InterpretValue plus the strict forms of its values.</summary>
internal static class OptionValues
{
    /// <summary>Splits "section.noname" into its section, name and whether it is negated.</summary>
    public static (string Section, string Name, bool Negated) InterpretKey(string key)
    {
        string section = "";
        int dot = key.IndexOf('.');
        if (dot >= 0)
        {
            section = key[..dot];
            key = key[(dot + 1)..];
        }
        bool negated = key.StartsWith("no", StringComparison.Ordinal);
        return (section, negated ? key[2..] : key, negated);
    }

    /// <summary>
    /// The stored value of one occurrence. A negation with a false value (<c>-nolisten=0</c>) is
    /// Core's double negative and reads as true. <paramref name="value"/> is null when no '=' was given.
    /// </summary>
    public static SettingValue InterpretValue(OptionSpec spec, bool negated, string? value)
    {
        if (!negated) return new SettingValue(value ?? "");
        if (!spec.Negatable)
            throw new OptionsException(OptionsErrorCode.NegationForbidden, $"Negating of -{spec.Name} is meaningless and therefore forbidden");
        if (value is not null && !ParseBool(spec.Name, value, "-no")) return new SettingValue("1");
        return SettingValue.Negation;
    }

    /// <summary>
    /// Core reads a boolean with atoi, so "-listen=yes" silently means false; here only a number
    /// (non-zero is true) or nothing is accepted and anything else is named as an error.
    /// </summary>
    public static bool ParseBool(string name, string text, string prefix = "-")
    {
        if (text.Length == 0) return true;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return n != 0;
        throw new OptionsException(OptionsErrorCode.InvalidValue, $"Invalid value for {prefix}{name}: '{text}' (expected 1 or 0)");
    }

    public static long ParseInteger(string name, string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return n;
        throw new OptionsException(OptionsErrorCode.InvalidValue, $"Invalid value for -{name}: '{text}' (expected a whole number)");
    }

    /// <summary>Core's ParseUInt16 then a non-zero check, with Core's message.</summary>
    public static int ParsePort(string name, string text)
    {
        if (IsPort(text, out int port)) return port;
        throw new OptionsException(OptionsErrorCode.InvalidPort, $"Invalid port specified in -{name}: '{text}'");
    }

    private static bool IsPort(ReadOnlySpan<char> text, out int port)
    {
        port = ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort p) ? p : 0;
        return port != 0;
    }

    /// <summary>
    /// Core's uint256::FromUserHex: an optional 0x then up to 64 hex digits, padded on the left with
    /// zeros (so "0" and "" are zero). Returns the 64-digit form, or null.
    /// </summary>
    public static string? PadUserHex(string text)
    {
        var digits = text.StartsWith("0x", StringComparison.Ordinal) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length > 64) return null;
        foreach (char ch in digits)
        {
            if (!char.IsAsciiHexDigit(ch)) return null;
        }
        return new string('0', 64 - digits.Length) + digits.ToString();
    }

    /// <summary>Core's SplitHostPort: "host", "host:port", "[v6]:port", or a bare IPv6 address; a port must be 1..65535.</summary>
    public static bool IsHostPort(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon < 0) return true;
        bool bracketed = colon > 0 && text[0] == '[' && text[colon - 1] == ']';
        bool multiColon = colon > 0 && text.LastIndexOf(':', colon - 1) >= 0;
        if (colon == 0 || bracketed || !multiColon) return IsPort(text.AsSpan(colon + 1), out _);
        return true;
    }
}
