using System.Buffers.Binary;
using System.Text;
using Node.Primitives.Hashing;

namespace Node.Primitives.Consensus;

/// <summary>
/// Builds a genesis block the way Core's CreateGenesisBlock does: one coinbase whose scriptSig
/// pushes 486604799, the number 4 and a message, paying the reward to one output script.
/// </summary>
public static class GenesisBlock
{
    public const string SatoshiMessage = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";

    /// <summary>Satoshi's genesis output: push of an uncompressed public key, OP_CHECKSIG.</summary>
    public static byte[] SatoshiOutputScript() => PayToPubKey(Convert.FromHexString(
        "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f"));

    public static byte[] PayToPubKey(ReadOnlySpan<byte> key)
    {
        var script = new byte[key.Length + 2];
        script[0] = (byte)key.Length;
        key.CopyTo(script.AsSpan(1));
        script[^1] = 0xac; // OP_CHECKSIG
        return script;
    }

    public static byte[] Create(string message, ReadOnlySpan<byte> outputScript, uint time, uint nonce, uint bits, int version, long reward)
    {
        var tx = CoinbaseTransaction(Encoding.ASCII.GetBytes(message), outputScript, reward);
        var header = new BlockHeader(version, Hash256.Zero, Sha256.DoubleHash(tx), time, bits, nonce);
        var block = new byte[BlockHeader.Size + 1 + tx.Length];
        header.Write(block);
        block[BlockHeader.Size] = 1; // one transaction
        tx.CopyTo(block.AsSpan(BlockHeader.Size + 1));
        return block;
    }

    private static byte[] CoinbaseTransaction(byte[] message, ReadOnlySpan<byte> outputScript, long reward)
    {
        var w = new List<byte>(256);
        void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); w.AddRange(b); }
        void Var(int n) { Span<byte> b = stackalloc byte[9]; w.AddRange(b[..CompactSize.Write(b, (ulong)n)]); }

        var scriptSig = new List<byte> { 0x04, 0xff, 0xff, 0x00, 0x1d, 0x01, 0x04 }; // push 486604799, push CScriptNum(4)
        if (message.Length >= 0x4c) scriptSig.AddRange([0x4c, (byte)message.Length]); // OP_PUSHDATA1
        else scriptSig.Add((byte)message.Length);
        scriptSig.AddRange(message);

        U32(1); // version
        Var(1);
        w.AddRange(new byte[32]);
        U32(uint.MaxValue); // null prevout
        Var(scriptSig.Count);
        w.AddRange(scriptSig);
        U32(uint.MaxValue); // sequence
        Var(1);
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(value, reward);
        w.AddRange(value);
        Var(outputScript.Length);
        w.AddRange(outputScript);
        U32(0); // lock time
        return [.. w];
    }
}
