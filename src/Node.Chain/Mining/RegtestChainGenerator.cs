using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Mining;

/// <summary>
/// A deterministic regtest chain with a realistic transaction load that needs no signatures:
/// coinbases pay P2WSH(OP_TRUE); once mature they are fanned out into many coins, which later
/// transactions (1–3 inputs, 2–3 outputs, now and then a consolidation) spend and respend, in
/// the same block too, in creation order. Blocks are filled to the target size within Core's
/// default block weight. Every block is valid for Bitcoin Core under full validation.
/// </summary>
public sealed class RegtestChainGenerator
{
    private const int FanOutMin = 100, FanOutMax = 250;
    private const int ConsolidationMin = 5, ConsolidationMax = 10;
    private const int MaxInputs = ConsolidationMax, MaxOutputs = FanOutMax;

    private readonly ChainGeneratorOptions _options;
    private readonly BlockAssembler _assembler;
    private readonly BlockBody _body;
    private readonly CoinPool _pool = new();
    private readonly Coin[] _inputs = new Coin[MaxInputs];
    private readonly long[] _values = new long[MaxOutputs];
    private readonly uint[] _recentTimes = new uint[ConsensusConstants.MedianTimeSpan];
    private readonly int _targetPool;
    private readonly int _bodyBudget;
    private DeterministicRandom _random;
    private int _timeCount;

    public RegtestChainGenerator(ChainGeneratorOptions? options = null)
    {
        _options = options ?? new ChainGeneratorOptions();
        _options.Validate();
        Params = ChainParams.Regtest;
        _assembler = new BlockAssembler(Params);
        _body = new BlockBody(_options.TargetBlockSize + FanOutMax * 64);
        _random = new DeterministicRandom(_options.Seed);
        // Keep about one coin per 25 bytes of block: enough that a full block spends only a part of them.
        _targetPool = Math.Max(64, _options.TargetBlockSize / 50);
        _bodyBudget = _options.TargetBlockSize - BlockHeader.Size - 5 - CoinbaseWriter.MaxSize(OpTrueScript.ScriptPubKeyLength);
        var genesis = Params.GenesisHeader;
        PushTime(genesis.Time);
        Tip = new BlockParent(Params.GenesisHash, 0, genesis.Time, genesis.Time);
    }

    public ChainParams Params { get; }

    /// <summary>The last block generated (the genesis block at first).</summary>
    public BlockParent Tip { get; private set; }

    /// <summary>Coins spendable by the next block.</summary>
    public int SpendableCoins => _pool.Count;

    /// <summary>Generates the next block. Its bytes are valid until the next call.</summary>
    public AssembledBlock Next()
    {
        int height = Tip.Height + 1;
        _pool.ReleaseMatureFor(height);
        _body.Clear();
        while (!_options.CoinbaseOnly && _pool.Count > 0 && TryAddTransaction()) { }

        var template = BlockTemplate.Create(Params, Tip, OpTrueScript.ScriptPubKey, _options.StartTime + (uint)height);
        var block = _assembler.Assemble(template, _body);
        _pool.AddCoinbase(height, new Coin(block.CoinbaseTxId, 0, BlockSubsidy.At(height, Params) + _body.Fees));
        PushTime(block.Header.Time);
        Tip = block.AsParent(MedianTime.Of(RecentTimes));
        return block;
    }

    /// <summary>Generates <paramref name="count"/> blocks, handing each to <paramref name="onBlock"/> (bytes valid during the call).</summary>
    public void Generate(int count, Action<AssembledBlock> onBlock)
    {
        for (int i = 0; i < count; i++) onBlock(Next());
    }

    /// <summary>Generates <paramref name="count"/> blocks into <paramref name="stream"/> in blk-file framing with the regtest message start.</summary>
    public void WriteBlkFile(Stream stream, int count)
    {
        for (int i = 0; i < count; i++) BlkFileFormat.WriteRecord(stream, Params.MessageStart.Span, Next().Bytes.Span);
    }

    private ReadOnlySpan<uint> RecentTimes => _recentTimes.AsSpan(0, Math.Min(_timeCount, _recentTimes.Length));

    private void PushTime(uint time) => _recentTimes[_timeCount++ % _recentTimes.Length] = time;

    /// <summary>Adds one transaction unless the block is full.</summary>
    private bool TryAddTransaction()
    {
        ChooseShape(out int inputs, out int outputs);
        int size = SpendWriter.Size(inputs, outputs);
        int stripped = SpendWriter.StrippedSize(inputs, outputs);
        int weight = stripped * 3 + size;
        // Like Core's BlockAssembler, 4000 of the weight budget is kept for the header and coinbase.
        if (_body.Size + size > _bodyBudget || _body.Weight + weight > _options.MaxBlockWeight - 4000) return false;

        long total = 0;
        for (int i = 0; i < inputs; i++)
        {
            _inputs[i] = _pool.TakeAt(_random.Next(_pool.Count));
            total += _inputs[i].Value;
        }
        long feeRate = _random.Between(1, 20);
        long fee = Math.Min(feeRate * ((weight + 3) / 4), total / 4);
        SplitValue(total - fee, _values.AsSpan(0, outputs));

        var span = _body.GetWriteSpan(size);
        SpendWriter.Write(span, _inputs.AsSpan(0, inputs), _values.AsSpan(0, outputs), out var txid, out var wtxid);
        _body.Commit(size, txid, wtxid, stripped, fee);
        for (int i = 0; i < outputs; i++) _pool.Add(new Coin(txid, (uint)i, _values[i]));
        return true;
    }

    /// <summary>
    /// Fans out while coins are scarce, grows the pool gently below its target, shrinks it above
    /// twice the target, and consolidates now and then.
    /// </summary>
    private void ChooseShape(out int inputs, out int outputs)
    {
        int coins = _pool.Count;
        if (coins < _targetPool / 8)
        {
            inputs = 1;
            outputs = _random.Between(FanOutMin, FanOutMax);
            return;
        }
        if (coins > _targetPool / 2 && _random.Next(100) < 2)
        {
            inputs = Math.Min(coins, _random.Between(ConsolidationMin, ConsolidationMax));
            outputs = 1;
            return;
        }
        if (coins > 2 * _targetPool)
        {
            inputs = _random.Between(2, 3);
            outputs = 2;
        }
        else
        {
            inputs = coins < _targetPool ? _random.Between(1, 2) : _random.Between(1, 3);
            outputs = _random.Between(2, 3);
        }
        inputs = Math.Min(inputs, coins);
    }

    /// <summary>Splits <paramref name="amount"/> over the outputs: shares of 50–150% of an even split, the last taking the rest.</summary>
    private void SplitValue(long amount, Span<long> values)
    {
        long left = amount;
        for (int i = 0; i < values.Length - 1; i++)
        {
            long even = left / (values.Length - i);
            long share = Math.Min(left, even / 100 * _random.Between(50, 150));
            values[i] = share;
            left -= share;
        }
        values[^1] = left;
    }
}
