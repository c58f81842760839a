using System.Globalization;
using System.Text.Json;

namespace Node.Rpc.Codec;

/// <summary>Core's ValueFromAmount: satoshis as a JSON number with exactly 8 decimals ("50.00000000").</summary>
internal static class AmountJson
{
    private const long Coin = 100_000_000;

    public static string Format(long amount)
    {
        long quotient = Math.Abs(amount / Coin);
        long remainder = Math.Abs(amount % Coin);
        return string.Create(CultureInfo.InvariantCulture, $"{(amount < 0 ? "-" : "")}{quotient}.{remainder:D8}");
    }

    public static void Write(Utf8JsonWriter w, ReadOnlySpan<byte> name, long amount)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(Format(amount), skipInputValidation: true);
    }
}
