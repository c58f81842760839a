using System.Globalization;
using System.Numerics;

namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's XOnlyPubKey::IsFullyValid: the 32 bytes are the x of a point on secp256k1.</summary>
internal static class XOnlyPubKey
{
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>x below the field prime and x^3 + 7 a square modulo it (Euler's criterion; it is never 0 on this curve).</summary>
    public static bool IsFullyValid(ReadOnlySpan<byte> x32)
    {
        if (x32.Length != 32) return false;
        var x = new BigInteger(x32, isUnsigned: true, isBigEndian: true);
        if (x >= P) return false;
        var y2 = (BigInteger.ModPow(x, 3, P) + 7) % P;
        return BigInteger.ModPow(y2, (P - 1) / 2, P).IsOne;
    }
}
