using System.Text.Json;
using Node.Chain.Validation;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Bitcoin Core's tx_valid.json and tx_invalid.json: the entries flagged BADTX fail CheckTransaction
/// (with the reason their comment names), every other entry passes it.
/// </summary>
public class TransactionCheckVectorTests
{
    /// <summary>The BADTX entries of tx_invalid.json in file order, with the rule each comment describes.</summary>
    private static readonly BlockRuleError[] BadTxReasons =
    [
        BlockRuleError.NoOutputs,           // No outputs
        BlockRuleError.OutputNegative,      // Negative output
        BlockRuleError.OutputTooLarge,      // MAX_MONEY + 1 output
        BlockRuleError.OutputTotalTooLarge, // MAX_MONEY output + 1 output
        BlockRuleError.DuplicateInputs,     // Duplicate inputs
        BlockRuleError.CoinbaseLength,      // Coinbase of size 1
        BlockRuleError.CoinbaseLength,      // Coinbase of size 101
        BlockRuleError.NullPrevout,         // Null txin, but without being a coinbase
        BlockRuleError.NullPrevout,         //   (both input orders)
    ];

    private static IEnumerable<(byte[] Tx, string Flags)> Entries(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("vectors/" + file)));
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (entry.GetArrayLength() != 3 || entry[0].ValueKind != JsonValueKind.Array) continue;
            yield return (Convert.FromHexString(entry[1].GetString()!), entry[2].GetString()!);
        }
    }

    [Fact]
    public void BADTX_entries_fail_CheckTransaction_with_their_reason()
    {
        var bad = Entries("tx_invalid.json").Where(e => e.Flags == "BADTX").ToList();
        Assert.Equal(BadTxReasons.Length, bad.Count);
        for (int i = 0; i < bad.Count; i++)
            Assert.Equal(BadTxReasons[i], TransactionCheck.Check(TransactionReader.Read(bad[i].Tx)));
    }

    [Theory]
    [InlineData("tx_valid.json")]
    [InlineData("tx_invalid.json")]
    public void Every_other_entry_passes_CheckTransaction(string file)
    {
        int count = 0;
        foreach (var (tx, flags) in Entries(file).Where(e => e.Flags != "BADTX"))
        {
            Assert.Equal(BlockRuleError.None, TransactionCheck.Check(TransactionReader.Read(tx)));
            count++;
        }
        Assert.True(count > 80, $"{count} entries");
    }

    [Fact]
    public void A_transaction_without_inputs()
    {
        // version, no inputs, a zero flag byte that Core reads as "no outputs either", lock time
        var tx = TransactionReader.Read(Convert.FromHexString("01000000" + "00" + "00" + "00000000"));
        Assert.Equal(BlockRuleError.NoInputs, TransactionCheck.Check(tx));
    }

    [Fact]
    public void A_transaction_above_the_weight_limit_without_witness()
    {
        // The 999,657-byte real transaction plus an output of 400 bytes: stripped size × 4 > 4,000,000.
        var mega = NBitcoin.Transaction.Load(TestData.Bytes("blocks/megatx.tx"), NBitcoin.Network.Main);
        Assert.Equal(BlockRuleError.None, TransactionCheck.Check(TransactionReader.Read(TestData.Bytes("blocks/megatx.tx"))));
        mega.Outputs.Add(new NBitcoin.TxOut(NBitcoin.Money.Zero, NBitcoin.Script.FromBytesUnsafe(new byte[400])));
        var raw = NBitcoin.BitcoinSerializableExtensions.ToBytes(mega);
        Assert.True(raw.Length > 1_000_000);
        Assert.Equal(BlockRuleError.TxOversize, TransactionCheck.Check(TransactionReader.Read(raw)));
    }

    [Fact]
    public void Duplicate_detection_agrees_with_a_set_on_many_inputs()
    {
        // The 5,569 inputs of the real mega transaction are distinct; every duplicated pair is found.
        var raw = TestData.Bytes("blocks/megatx.tx");
        var mega = NBitcoin.Transaction.Load(raw, NBitcoin.Network.Main);
        Assert.Equal(mega.Inputs.Count, mega.Inputs.Select(i => i.PrevOut).Distinct().Count());
        Assert.Equal(BlockRuleError.None, TransactionCheck.Check(TransactionReader.Read(raw)));
        foreach (var (from, to) in new[] { (0, 1), (0, 5568), (5568, 2784), (17, 16) })
        {
            var copy = mega.Clone();
            copy.Inputs[to].PrevOut = copy.Inputs[from].PrevOut;
            var tx = TransactionReader.Read(NBitcoin.BitcoinSerializableExtensions.ToBytes(copy));
            Assert.Equal(BlockRuleError.DuplicateInputs, TransactionCheck.Check(tx));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(300)]
    public void Duplicate_detection_at_every_pair_of_positions(int inputs)
    {
        // Pairwise up to 16 inputs, hashed above: each of a few pairs (first, last, neighbours, far apart) is found,
        // a pair differing only in the output index is not.
        var mega = NBitcoin.Transaction.Load(TestData.Bytes("blocks/megatx.tx"), NBitcoin.Network.Main);
        while (mega.Inputs.Count > inputs) mega.Inputs.RemoveAt(mega.Inputs.Count - 1);
        int last = inputs - 1;
        foreach (var (from, to) in new[] { (0, last), (last, 0), (last - 1, last), (0, 1), (inputs / 2, last) }.Where(p => p.Item1 != p.Item2).Distinct())
        {
            var copy = mega.Clone();
            copy.Inputs[to].PrevOut = copy.Inputs[from].PrevOut;
            Assert.Equal(BlockRuleError.DuplicateInputs, TransactionCheck.Check(TransactionReader.Read(NBitcoin.BitcoinSerializableExtensions.ToBytes(copy))));
            copy.Inputs[to].PrevOut = new NBitcoin.OutPoint(copy.Inputs[from].PrevOut.Hash, copy.Inputs[from].PrevOut.N ^ 0x8000_0000);
            Assert.Equal(BlockRuleError.None, TransactionCheck.Check(TransactionReader.Read(NBitcoin.BitcoinSerializableExtensions.ToBytes(copy))));
        }
    }
}
