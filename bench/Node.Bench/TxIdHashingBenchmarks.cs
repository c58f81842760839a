using BenchmarkDotNet.Attributes;
using Node.Primitives.Blocks;
using Node.Primitives.Hashing;

namespace Node.Bench;

/// <summary>
/// Every txid and wtxid of a block, hashing only (the transactions' layouts are found in setup):
/// single-stream calls, one message after the other (baseline), against the two-stream calls (a
/// segwit transaction's two ids side by side, other transactions two at a time) and the batch that
/// <see cref="BlockScanner"/> uses (four lanes on SHA-NI, each taking the next hash when it is done).
/// </summary>
[MemoryDiagnoser]
public class TxIdHashingBenchmarks
{
    private byte[] _block = [];
    private byte[] _txids = [];
    private byte[] _wtxids = [];
    private (int Offset, int Length, int WitnessOffset)[] _txs = [];

    [Params(BenchData.Regtest1MB, "mainnet-413567.raw", "mainnet-574200.raw")]
    public string Block { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// Sha256.Implementation = {Sha256.Implementation}");
        _block = BenchData.Block(Block, out _);
        if (!BlockReader.TryOpen(_block, out var reader, out var error)) throw new InvalidOperationException(error.ToString());
        var txs = new List<(int, int, int)>();
        while (reader.TryReadNext(out var tx, out _))
            txs.Add((reader.Position - tx.TotalSize, tx.TotalSize, tx.HasWitness ? tx.WitnessOffset : 0));
        _txs = [.. txs];
        _txids = new byte[_txs.Length * 32];
        _wtxids = new byte[_txs.Length * 32];
    }

    [Benchmark(Baseline = true)]
    public void SingleStream()
    {
        for (int i = 0; i < _txs.Length; i++)
        {
            var (offset, length, witnessOffset) = _txs[i];
            var raw = _block.AsSpan(offset, length);
            Span<byte> txid = _txids.AsSpan(i * 32, 32), wtxid = _wtxids.AsSpan(i * 32, 32);
            if (witnessOffset != 0)
            {
                Sha256.DoubleHashStrippedTx(raw, witnessOffset).WriteTo(txid);
                Sha256.DoubleHash(raw, wtxid);
            }
            else
            {
                Sha256.DoubleHash(raw, txid);
                txid.CopyTo(wtxid);
            }
        }
    }

    [Benchmark]
    public void TwoStreams()
    {
        int waiting = -1;
        for (int i = 0; i < _txs.Length; i++)
        {
            var (offset, length, witnessOffset) = _txs[i];
            var raw = _block.AsSpan(offset, length);
            Span<byte> txid = _txids.AsSpan(i * 32, 32), wtxid = _wtxids.AsSpan(i * 32, 32);
            if (witnessOffset != 0)
            {
                Sha256.DoubleHashSegwitTx(raw, witnessOffset, txid, wtxid);
                continue;
            }
            if (waiting < 0)
            {
                waiting = i;
                continue;
            }
            var (otherOffset, otherLength, _) = _txs[waiting];
            Sha256.DoubleHashTwo(_block.AsSpan(otherOffset, otherLength), raw, _txids.AsSpan(waiting * 32, 32), txid);
            _txids.AsSpan(waiting * 32, 32).CopyTo(_wtxids.AsSpan(waiting * 32, 32));
            txid.CopyTo(wtxid);
            waiting = -1;
        }
        if (waiting >= 0)
        {
            var (offset, length, _) = _txs[waiting];
            Sha256.DoubleHash(_block.AsSpan(offset, length), _txids.AsSpan(waiting * 32, 32));
            _txids.AsSpan(waiting * 32, 32).CopyTo(_wtxids.AsSpan(waiting * 32, 32));
        }
    }

    [Benchmark]
    public unsafe void Batched()
    {
        Span<Sha256Native.Job> jobs = stackalloc Sha256Native.Job[64];
        fixed (byte* block = _block)
        fixed (byte* txids = _txids)
        fixed (byte* wtxids = _wtxids)
        {
            var batch = new Sha256Batch(jobs);
            for (int i = 0; i < _txs.Length; i++)
            {
                var (offset, length, witnessOffset) = _txs[i];
                if (witnessOffset != 0)
                {
                    batch.Add(block + offset, length, witnessOffset, txids + i * 32, null);
                    batch.Add(block + offset, length, 0, wtxids + i * 32, null);
                }
                else
                {
                    batch.Add(block + offset, length, 0, txids + i * 32, wtxids + i * 32);
                }
            }
            batch.Flush();
        }
    }
}
