using Node.Primitives.Consensus;

namespace Node.Rpc.Codec;

/// <summary>
/// Core's DecodeDestination + GetScriptForDestination for the network's prefixes: base58check
/// P2PKH/P2SH and bech32 (segwit v0) / bech32m (v1+) witness programs, to a scriptPubKey.
/// </summary>
public static class AddressDecoder
{
    private const byte OpDup = 0x76, OpHash160 = 0xa9, OpEqualVerify = 0x88, OpCheckSig = 0xac, OpEqual = 0x87, Op1 = 0x51;

    public static bool TryGetScript(string address, ChainParams network, out byte[] scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(network);
        var (hrp, pubKeyPrefix, scriptPrefix) = Prefixes(network.Type);
        return TryWitness(address, hrp, out scriptPubKey) || TryBase58(address, pubKeyPrefix, scriptPrefix, out scriptPubKey);
    }

    internal static (string Hrp, byte PubKeyPrefix, byte ScriptPrefix) Prefixes(ChainType type) => type switch
    {
        ChainType.Main => ("bc", 0x00, 0x05),
        ChainType.Regtest => ("bcrt", 0x6f, 0xc4),
        _ => ("tb", 0x6f, 0xc4),
    };

    private static bool TryWitness(string address, string hrp, out byte[] script)
    {
        script = [];
        var encoding = Bech32.Decode(address, out string decodedHrp, out byte[] data);
        if (encoding == Bech32.Encoding.Invalid || decodedHrp != hrp || data.Length == 0) return false;
        int version = data[0];
        if (version > 16) return false;
        if (encoding != (version == 0 ? Bech32.Encoding.Bech32 : Bech32.Encoding.Bech32m)) return false;
        if (!Bech32.TryConvert5To8(data.AsSpan(1), out byte[] program)) return false;
        if (program.Length < 2 || program.Length > 40) return false;
        if (version == 0 && program.Length != 20 && program.Length != 32) return false;

        script = new byte[2 + program.Length];
        script[0] = version == 0 ? (byte)0 : (byte)(Op1 + version - 1);
        script[1] = (byte)program.Length;
        program.CopyTo(script, 2);
        return true;
    }

    private static bool TryBase58(string address, byte pubKeyPrefix, byte scriptPrefix, out byte[] script)
    {
        script = [];
        if (!Base58Check.TryDecode(address, out byte[] payload) || payload.Length != 21) return false;
        var hash = payload.AsSpan(1);
        if (payload[0] == pubKeyPrefix)
        {
            script = [OpDup, OpHash160, 20, .. hash, OpEqualVerify, OpCheckSig];
            return true;
        }
        if (payload[0] == scriptPrefix)
        {
            script = [OpHash160, 20, .. hash, OpEqual];
            return true;
        }
        return false;
    }
}
