using Node.Primitives.Consensus;

namespace Node.Chain.Mining;

/// <summary>
/// The generator's UTXO set: spendable coins in an array taken from at random positions (swap with
/// the last, O(1)), and coinbase outputs held back until they are mature.
/// </summary>
internal sealed class CoinPool
{
    private Coin[] _coins = new Coin[1024];
    private readonly Queue<(int Height, Coin Coin)> _immature = new();

    public int Count { get; private set; }

    public void Add(in Coin coin)
    {
        if (Count == _coins.Length) Array.Resize(ref _coins, _coins.Length * 2);
        _coins[Count++] = coin;
    }

    /// <summary>Removes and returns the coin at <paramref name="index"/>; the last coin takes its place.</summary>
    public Coin TakeAt(int index)
    {
        var coin = _coins[index];
        _coins[index] = _coins[--Count];
        return coin;
    }

    public void AddCoinbase(int height, in Coin coin) => _immature.Enqueue((height, coin));

    /// <summary>Makes spendable the coinbases a block at <paramref name="height"/> may spend (100 confirmations).</summary>
    public void ReleaseMatureFor(int height)
    {
        while (_immature.Count > 0 && _immature.Peek().Height + ConsensusConstants.CoinbaseMaturity <= height)
            Add(_immature.Dequeue().Coin);
    }
}
