using System.Buffers.Binary;

namespace Node.Primitives.Scripts;

/// <summary>
/// Signature-operation counts of a script, as Bitcoin Core's CScript::GetSigOpCount: the walk stops
/// silently at the first malformed push, counting what came before.
/// </summary>
public static class SigOpCounter
{
    private const byte OpPushData1 = 0x4c, OpPushData2 = 0x4d, OpPushData4 = 0x4e;
    private const byte Op1 = 0x51, Op16 = 0x60;
    private const byte OpCheckSig = 0xac, OpCheckSigVerify = 0xad, OpCheckMultiSig = 0xae, OpCheckMultiSigVerify = 0xaf;
    private const int MaxPubKeysPerMultisig = 20;

    /// <summary>The legacy count: every CHECKMULTISIG counts 20 (Core's fAccurate = false).</summary>
    public static int CountLegacy(ReadOnlySpan<byte> script) => Count(script, accurate: false);

    /// <summary>CHECKMULTISIG preceded by OP_1..OP_16 counts that many keys (Core's fAccurate = true, used for P2SH).</summary>
    public static int CountAccurate(ReadOnlySpan<byte> script) => Count(script, accurate: true);

    private static int Count(ReadOnlySpan<byte> script, bool accurate)
    {
        int n = 0, pc = 0;
        byte last = 0xff; // OP_INVALIDOPCODE
        while (pc < script.Length)
        {
            byte op = script[pc++];
            if (op <= OpPushData4)
            {
                long size;
                if (op < OpPushData1) size = op;
                else
                {
                    int width = op == OpPushData1 ? 1 : op == OpPushData2 ? 2 : 4;
                    if (script.Length - pc < width) break;
                    var field = script.Slice(pc, width);
                    size = width == 1 ? field[0] : width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
                    pc += width;
                }
                if (script.Length - pc < size) break;
                pc += (int)size;
            }
            else if (op is OpCheckSig or OpCheckSigVerify)
            {
                n++;
            }
            else if (op is OpCheckMultiSig or OpCheckMultiSigVerify)
            {
                n += accurate && last is >= Op1 and <= Op16 ? last - Op1 + 1 : MaxPubKeysPerMultisig;
            }
            last = op;
        }
        return n;
    }
}
