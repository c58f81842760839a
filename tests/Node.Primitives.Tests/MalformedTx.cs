using Node.Primitives.Transactions;

namespace Node.Primitives.Tests;

/// <summary>Builds malformed variants of real transactions by splicing bytes at known positions.</summary>
internal static class MalformedTx
{
    public static byte[] Splice(byte[] raw, int offset, int removed, params byte[] inserted)
    {
        var result = new byte[raw.Length - removed + inserted.Length];
        raw.AsSpan(0, offset).CopyTo(result);
        inserted.CopyTo(result.AsSpan(offset));
        raw.AsSpan(offset + removed).CopyTo(result.AsSpan(offset + inserted.Length));
        return result;
    }

    /// <summary>Offset of the first input's script length in a transaction without witness.</summary>
    public static int FirstScriptLengthOffset(byte[] raw)
    {
        var tx = TransactionReader.Read(raw);
        return tx.InputsOffset + 1 + 36;
    }

    public static TxDecodeError ErrorOf(byte[] raw)
    {
        Assert.False(TransactionReader.TryReadExact(raw, out _, out var error));
        var thrown = Assert.Throws<TxDecodeException>(() => TransactionReader.Read(raw));
        Assert.Equal(error, thrown.Error);
        Assert.Equal(error, Assert.Throws<TxDecodeException>(() => Transaction.Parse(raw)).Error);
        return error;
    }
}
