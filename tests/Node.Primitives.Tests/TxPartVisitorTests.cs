using System.Buffers.Binary;
using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>
/// The parts <see cref="TransactionReader.TryRead{TParts}"/> hands out while it decodes are, in order, the inputs
/// and outputs the enumerators walk (themselves checked against NBitcoin in <see cref="TxPartsTests"/>).
/// </summary>
public class TxPartVisitorTests
{
    /// <summary>Writes what it is handed as text, one line a part.</summary>
    private struct Recorder : ITxPartVisitor
    {
        public List<string> Lines;

        public readonly void Inputs(int count) => Lines.Add($"inputs {count}");

        public readonly void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) =>
            Lines.Add($"in {Convert.ToHexString(tx.Slice(offset, 36))} {Convert.ToHexString(tx.Slice(scriptOffset, scriptLength))} " +
                      BinaryPrimitives.ReadUInt32LittleEndian(tx.Slice(scriptOffset + scriptLength, 4)));

        public readonly void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) =>
            Lines.Add($"out {BinaryPrimitives.ReadInt64LittleEndian(tx.Slice(offset, 8))} {Convert.ToHexString(tx.Slice(scriptOffset, scriptLength))}");
    }

    private static List<string> Expected(TransactionReader tx)
    {
        var lines = new List<string>();
        if (tx.InputCount > 0) lines.Add($"inputs {tx.InputCount}");
        foreach (var input in tx.Inputs) lines.Add($"in {Convert.ToHexString(input.PrevOut)} {Convert.ToHexString(input.ScriptSig)} {input.Sequence}");
        foreach (var output in tx.Outputs) lines.Add($"out {output.Value} {Convert.ToHexString(output.ScriptPubKey)}");
        return lines;
    }

    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Every_part_of_every_transaction_in_order(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            var recorder = new Recorder { Lines = [] };
            int parts = 0;
            while (reader.TryReadNext(ref recorder, out var tx, out _))
            {
                var expected = Expected(tx);
                Assert.Equal(expected, recorder.Lines);
                parts += expected.Count;
                recorder.Lines.Clear();
            }
            Assert.Equal(reader.Position, raw.Length);
            Assert.True(parts >= 3);
        }
    }

    [Fact]
    public void The_megatx_parts_and_a_transaction_without_inputs()
    {
        var mega = TestData.Bytes(RealBlocks.MegaTx);
        var recorder = new Recorder { Lines = [] };
        Assert.True(TransactionReader.TryRead(mega, ref recorder, out var tx, out _));
        Assert.Equal(Expected(tx), recorder.Lines);
        Assert.Equal(1 + 5569 + tx.OutputCount, recorder.Lines.Count);

        // version, no inputs, a zero flag byte read as no outputs, lock time: nothing to hand out
        recorder.Lines.Clear();
        Assert.True(TransactionReader.TryRead(Convert.FromHexString("01000000" + "00" + "00" + "00000000"), ref recorder, out _, out _));
        Assert.Empty(recorder.Lines);
    }
}
