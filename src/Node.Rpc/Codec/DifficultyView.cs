using Node.Primitives;

namespace Node.Rpc.Codec;

/// <summary>Core's difficulty and target views of nBits (rpc/blockchain.cpp GetDifficulty, GetTarget).</summary>
public static class DifficultyView
{
    /// <summary>Core's GetDifficulty: 0xffff·2^208 over the target, computed by the nBits exponent shift loop in doubles.</summary>
    public static double Of(uint bits)
    {
        int shift = (int)((bits >> 24) & 0xff);
        double difficulty = (double)0x0000ffff / (bits & 0x00ffffff);
        while (shift < 29)
        {
            difficulty *= 256.0;
            shift++;
        }
        while (shift > 29)
        {
            difficulty /= 256.0;
            shift--;
        }
        return difficulty;
    }

    /// <summary>The target nBits decode to, as 64 hex digits (Core's "target" field).</summary>
    public static string Target(uint bits) => UInt256.FromCompact(bits, out _, out _).ToString();

    /// <summary>nBits as Core prints them: 8 lowercase hex digits.</summary>
    public static string Bits(uint bits) => bits.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
