using System.Buffers.Binary;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.State;

/// <summary>
/// Builds and mines regtest blocks (bits 0x207fffff: about every second nonce meets the target)
/// with one coinbase transaction carrying the BIP34 height, so the merkle root is its txid.
/// </summary>
public static class RegtestBlocks
{
    public static ChainParams Params => ChainParams.Regtest;

    public static long GenesisTime => Params.GenesisHeader.Time;

    /// <summary>A block at <paramref name="height"/> on <paramref name="prev"/>; <paramref name="salt"/> makes siblings differ.</summary>
    public static byte[] Build(Hash256 prev, int height, uint time, uint salt = 0, int? claimedHeight = null)
    {
        var coinbase = Coinbase(claimedHeight ?? height, salt);
        var merkle = Node.Primitives.Hashing.Sha256.DoubleHash(coinbase);
        var block = new byte[BlockHeader.Size + 1 + coinbase.Length];
        block[BlockHeader.Size] = 1;
        coinbase.CopyTo(block.AsSpan(BlockHeader.Size + 1));
        uint bits = Params.PowLimitBits;
        var target = UInt256.FromCompact(bits, out _, out _);
        for (uint nonce = 0; ; nonce++)
        {
            new BlockHeader(4, prev, merkle, time, bits, nonce).Write(block);
            if (UInt256.FromHash(BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size))) <= target) return block;
        }
    }

    /// <summary>Builds <paramref name="count"/> blocks in a row on <paramref name="prev"/> (at <paramref name="prevHeight"/>), one second apart.</summary>
    public static List<byte[]> Chain(Hash256 prev, int prevHeight, uint prevTime, int count, uint salt = 0)
    {
        var blocks = new List<byte[]>();
        for (int i = 1; i <= count; i++)
        {
            var block = Build(prev, prevHeight + i, prevTime + (uint)i, salt);
            blocks.Add(block);
            prev = HashOf(block);
        }
        return blocks;
    }

    public static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));

    public static uint TimeOf(byte[] block) => BlockHeader.Read(block).Time;

    private static byte[] Coinbase(int height, uint salt)
    {
        Span<byte> push = stackalloc byte[CoinbaseHeight.MaxEncodedLength];
        int pushLength = CoinbaseHeight.Encode(height, push);
        // scriptSig: height, then a 4-byte salt push (Core wants 2..100 bytes).
        var scriptSig = new byte[pushLength + 5];
        push[..pushLength].CopyTo(scriptSig);
        scriptSig[pushLength] = 4;
        BinaryPrimitives.WriteUInt32LittleEndian(scriptSig.AsSpan(pushLength + 1), salt);

        var tx = new List<byte>();
        tx.AddRange([1, 0, 0, 0]);                       // version
        tx.Add(1);                                        // one input
        tx.AddRange(new byte[32]);                        // null prevout hash
        tx.AddRange([0xff, 0xff, 0xff, 0xff]);            // prevout index
        tx.Add((byte)scriptSig.Length);
        tx.AddRange(scriptSig);
        tx.AddRange([0xff, 0xff, 0xff, 0xff]);            // sequence
        tx.Add(1);                                        // one output
        tx.AddRange(BitConverter.GetBytes(50 * ConsensusConstants.Coin));
        tx.AddRange([1, 0x51]);                           // OP_TRUE
        tx.AddRange([0, 0, 0, 0]);                        // lock time
        return tx.ToArray();
    }
}
