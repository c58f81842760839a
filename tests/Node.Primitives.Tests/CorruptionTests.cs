using Node.Primitives.Blocks;
using Node.Primitives.Transactions;

namespace Node.Primitives.Tests;

/// <summary>
/// Every single-byte corruption of real transactions either decodes to something that walks and
/// re-serializes exactly, or is rejected with a named reason; no other exception escapes.
/// </summary>
public class CorruptionTests
{
    private static readonly byte[] Replacements = [0x00, 0x01, 0xfc, 0xfd, 0xfe, 0xff];

    [Theory]
    [InlineData(RealBlocks.SegwitA, 0)]
    [InlineData(RealBlocks.SegwitB, 1)]
    [InlineData(RealBlocks.Legacy413567, 1)]
    public void Every_byte_replaced_decodes_or_names_its_error(string file, int index)
    {
        var original = RealBlocks.TxBytes(file, index);
        for (int at = 0; at < original.Length; at++)
        {
            foreach (byte value in Replacements)
            {
                var raw = (byte[])original.Clone();
                raw[at] = value;
                if (TransactionReader.TryRead(raw, out var tx, out var error))
                {
                    Assert.Equal(TxDecodeError.None, error);
                    Assert.Equal(tx.Raw.ToArray(), Transaction.From(tx).Serialize());
                    Assert.Equal(Transaction.From(tx).GetTxId(), tx.ComputeTxId());
                }
                else
                {
                    Assert.NotEqual(TxDecodeError.None, error);
                }
            }
        }
    }

    [Fact]
    public void Every_byte_of_a_small_real_block_replaced_scans_or_names_its_error()
    {
        var original = RealBlocks.Load("blocks/btcd-blk_3A.blk")[0];
        var txids = new byte[32 * 64];
        for (int at = BlockHeader.Size; at < original.Length; at++)
        {
            foreach (byte value in Replacements)
            {
                var raw = (byte[])original.Clone();
                raw[at] = value;
                bool ok = BlockScanner.TryReadTxCount(raw, out int count, out var error)
                    && BlockScanner.TryScan(raw, txids.AsSpan(0, count * 32), default, out _, out error);
                Assert.Equal(ok, error == TxDecodeError.None);
                if (ok) Assert.Equal(raw, Block.Parse(raw).Serialize());
            }
        }
    }
}
