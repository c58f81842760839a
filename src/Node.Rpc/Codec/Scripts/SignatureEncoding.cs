namespace Node.Rpc.Codec.Scripts;

/// <summary>Core's CheckSignatureEncoding under SCRIPT_VERIFY_STRICTENC, as ScriptToAsmStr uses it.</summary>
internal static class SignatureEncoding
{
    /// <summary>
    /// True when <paramref name="sig"/> is a strict DER signature with a defined sighash type that
    /// Core's mapSigHashTypes names; <paramref name="name"/> is that name.
    /// </summary>
    public static bool TrySighashName(ReadOnlySpan<byte> sig, out string? name)
    {
        name = null;
        if (!IsValidSignatureEncoding(sig)) return false;
        name = sig[^1] switch
        {
            0x01 => "ALL",
            0x81 => "ALL|ANYONECANPAY",
            0x02 => "NONE",
            0x82 => "NONE|ANYONECANPAY",
            0x03 => "SINGLE",
            0x83 => "SINGLE|ANYONECANPAY",
            _ => null,
        };
        return name is not null;
    }

    /// <summary>Core's IsValidSignatureEncoding (BIP66): 0x30 len 0x02 lenR R 0x02 lenS S sighash.</summary>
    public static bool IsValidSignatureEncoding(ReadOnlySpan<byte> sig)
    {
        if (sig.Length < 9 || sig.Length > 73) return false;
        if (sig[0] != 0x30 || sig[1] != sig.Length - 3) return false;
        int lenR = sig[3];
        if (5 + lenR >= sig.Length) return false;
        int lenS = sig[5 + lenR];
        if (lenR + lenS + 7 != sig.Length) return false;
        if (sig[2] != 0x02 || lenR == 0 || (sig[4] & 0x80) != 0) return false;
        if (lenR > 1 && sig[4] == 0x00 && (sig[5] & 0x80) == 0) return false;
        if (sig[lenR + 4] != 0x02 || lenS == 0 || (sig[lenR + 6] & 0x80) != 0) return false;
        if (lenS > 1 && sig[lenR + 6] == 0x00 && (sig[lenR + 7] & 0x80) == 0) return false;
        return true;
    }
}
