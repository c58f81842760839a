using Node.Primitives.Hashing;
using Node.Primitives.Scripts;

namespace Node.Chain.Mining;

/// <summary>
/// Pay-to-witness-script-hash of the script OP_TRUE: anyone can spend it with the one-item witness
/// [OP_TRUE], so generated chains are valid without keys or signatures.
/// </summary>
public static class OpTrueScript
{
    /// <summary>The witness script: OP_TRUE.</summary>
    public static ReadOnlySpan<byte> WitnessScript => [Opcode.Op1];

    /// <summary>OP_0 &lt;sha256(OP_TRUE)&gt;: 34 bytes.</summary>
    public static ReadOnlyMemory<byte> ScriptPubKey => ScriptPubKeyBytes;

    public const int ScriptPubKeyLength = 34;

    private static readonly byte[] ScriptPubKeyBytes = Build();

    private static byte[] Build()
    {
        var script = new byte[ScriptPubKeyLength];
        script[0] = Opcode.Op0;
        script[1] = 32;
        Sha256.Hash(WitnessScript, script.AsSpan(2));
        return script;
    }
}
