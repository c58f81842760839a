using System.Numerics;
using Node.Primitives.Hashing;

namespace Node.Rpc.Codec;

/// <summary>Base58 with a 4-byte double-SHA256 checksum (Core's EncodeBase58Check and DecodeBase58Check).</summary>
internal static class Base58Check
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int MaxLength = 100;

    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var data = new byte[payload.Length + 4];
        payload.CopyTo(data);
        Sha256.DoubleHash(payload).Bytes[..4].CopyTo(data.AsSpan(payload.Length));

        int leadingZeros = 0;
        while (leadingZeros < data.Length && data[leadingZeros] == 0) leadingZeros++;
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var digits = new System.Text.StringBuilder();
        while (!value.IsZero)
        {
            value = BigInteger.DivRem(value, 58, out var digit);
            digits.Insert(0, Alphabet[(int)digit]);
        }
        return new string('1', leadingZeros) + digits;
    }

    public static bool TryDecode(string text, out byte[] payload)
    {
        payload = [];
        if (text.Length == 0 || text.Length > MaxLength) return false;
        BigInteger value = BigInteger.Zero;
        foreach (char c in text)
        {
            int digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) return false;
            value = value * 58 + digit;
        }
        int leadingZeros = 0;
        while (leadingZeros < text.Length && text[leadingZeros] == '1') leadingZeros++;

        byte[] body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var decoded = new byte[leadingZeros + body.Length];
        body.CopyTo(decoded, leadingZeros);
        if (decoded.Length < 4) return false;

        var checksum = Sha256.DoubleHash(decoded.AsSpan(0, decoded.Length - 4));
        if (!checksum.Bytes[..4].SequenceEqual(decoded.AsSpan(decoded.Length - 4))) return false;
        payload = decoded[..^4];
        return true;
    }
}
