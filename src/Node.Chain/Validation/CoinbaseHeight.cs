using Node.Primitives.Blocks;
using Node.Primitives.Scripts;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// BIP34: the coinbase scriptSig starts with the block height, serialized exactly as Core's
/// <c>CScript() &lt;&lt; height</c>: OP_0, OP_1..OP_16, or a minimal little-endian script number push.
/// </summary>
public static class CoinbaseHeight
{
    /// <summary>Longest encoding: a push of 4 magnitude bytes and a sign byte.</summary>
    public const int MaxEncodedLength = 6;

    /// <summary>Writes the encoding of <paramref name="height"/> (≥ 0); returns the bytes written.</summary>
    public static int Encode(int height, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (height <= 16)
        {
            destination[0] = height == 0 ? Opcode.Op0 : (byte)(Opcode.Op1 - 1 + height);
            return 1;
        }
        int length = 0;
        for (uint v = (uint)height; v != 0; v >>= 8) destination[1 + length++] = (byte)v;
        // CScriptNum: a set top bit would read as the sign, so a zero byte follows.
        if ((destination[length] & 0x80) != 0) destination[1 + length++] = 0;
        destination[0] = (byte)length;
        return 1 + length;
    }

    /// <summary>True when <paramref name="scriptSig"/> starts with the encoding of <paramref name="height"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> scriptSig, int height)
    {
        Span<byte> expected = stackalloc byte[MaxEncodedLength];
        int length = Encode(height, expected);
        return scriptSig.StartsWith(expected[..length]);
    }

    /// <summary>
    /// Reads the height a BIP34 coinbase scriptSig starts with; false unless it starts with a
    /// non-negative height in exactly the encoding <see cref="Encode"/> writes.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> scriptSig, out int height)
    {
        height = 0;
        if (scriptSig.IsEmpty) return false;
        byte first = scriptSig[0];
        if (first == Opcode.Op0) return true;
        if (first is >= Opcode.Op1 and <= Opcode.Op16)
        {
            height = Opcode.DecodeSmallInt(first);
            return true;
        }
        if (first is 0 or > MaxEncodedLength - 1 || scriptSig.Length < 1 + first) return false;
        var number = scriptSig.Slice(1, first);
        if ((number[^1] & 0x80) != 0) return false; // negative
        long value = 0;
        for (int i = number.Length - 1; i >= 0; i--) value = (value << 8) | number[i];
        if (value > int.MaxValue) return false;
        if (!Matches(scriptSig, (int)value)) return false;
        height = (int)value;
        return true;
    }

    /// <summary>
    /// The height the coinbase of a serialized block claims (e.g. to place an orphan before its
    /// parent is known); false unless the block starts with a coinbase whose scriptSig carries one.
    /// Only the header and the first transaction are read. Meaningful only where BIP34 is active:
    /// older coinbases may start with any number (genesis reads as 486,604,799, its pushed nBits).
    /// </summary>
    public static bool TryReadFromBlock(ReadOnlySpan<byte> block, out int height)
    {
        height = 0;
        return BlockReader.TryOpen(block, out var reader, out _)
            && reader.TryReadNext(out var coinbase, out _)
            && coinbase.IsCoinbase
            && TryRead(ScriptSigOf(coinbase), out height);
    }

    /// <summary>The scriptSig of a coinbase's only input.</summary>
    internal static ReadOnlySpan<byte> ScriptSigOf(TransactionReader coinbase)
    {
        foreach (var input in coinbase.Inputs) return input.ScriptSig;
        throw new ArgumentException("a coinbase has one input", nameof(coinbase));
    }
}
