using Node.Primitives.Blocks;

namespace Node.Chain.State;

/// <summary>BIP34: the coinbase's scriptSig starts with the block height, pushed as Core's <c>CScript() &lt;&lt; height</c> does.</summary>
public static class CoinbaseHeight
{
    private const byte Op0 = 0x00, Op1 = 0x51, Op16 = 0x60;

    /// <summary>Writes the push of <paramref name="height"/> into <paramref name="destination"/> (at least 6 bytes); returns its length.</summary>
    public static int Encode(int height, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (height == 0)
        {
            destination[0] = Op0;
            return 1;
        }
        if (height <= 16)
        {
            destination[0] = (byte)(Op1 + height - 1);
            return 1;
        }
        int n = 0;
        for (uint v = (uint)height; v != 0; v >>= 8) destination[1 + n++] = (byte)v;
        // Script numbers are sign-magnitude: a set top bit needs a zero byte to stay positive.
        if ((destination[n] & 0x80) != 0) destination[1 + n++] = 0;
        destination[0] = (byte)n;
        return 1 + n;
    }

    /// <summary>True if the block's coinbase scriptSig starts with the push of <paramref name="height"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> block, int height)
    {
        if (!TryGetScriptSig(block, out var scriptSig)) return false;
        Span<byte> expected = stackalloc byte[6];
        int length = Encode(height, expected);
        return scriptSig.StartsWith(expected[..length]);
    }

    /// <summary>The height the block's coinbase claims, or -1 when its scriptSig does not start with a height push.</summary>
    public static int Extract(ReadOnlySpan<byte> block)
    {
        if (!TryGetScriptSig(block, out var script) || script.IsEmpty) return -1;
        byte op = script[0];
        if (op == Op0) return 0;
        if (op is >= Op1 and <= Op16) return op - Op1 + 1;
        if (op is < 1 or > 4 || script.Length < 1 + op) return -1;
        var number = script.Slice(1, op);
        if ((number[^1] & 0x80) != 0) return -1;
        long value = 0;
        for (int i = number.Length - 1; i >= 0; i--) value = (value << 8) | number[i];
        return value <= int.MaxValue ? (int)value : -1;
    }

    private static bool TryGetScriptSig(ReadOnlySpan<byte> block, out ReadOnlySpan<byte> scriptSig)
    {
        scriptSig = default;
        if (!BlockReader.TryOpen(block, out var reader, out _) || !reader.TryReadNext(out var coinbase, out _)) return false;
        if (!coinbase.IsCoinbase) return false;
        foreach (var input in coinbase.Inputs)
        {
            scriptSig = input.ScriptSig;
            return true;
        }
        return false;
    }
}
