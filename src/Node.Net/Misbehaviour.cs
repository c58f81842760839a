using System.Collections.Concurrent;

namespace Node.Net;

/// <summary>Accumulated misbehaviour scores per connected peer (Core's Misbehaving before 0.21 discouragement).</summary>
public sealed class Misbehaviour
{
    private readonly ConcurrentDictionary<long, int> _scores = new();

    /// <summary>Adds to the peer's score and returns the new total.</summary>
    public int Add(long peerId, int howMuch) => _scores.AddOrUpdate(peerId, howMuch, (_, score) => score + howMuch);

    public int ScoreOf(long peerId) => _scores.GetValueOrDefault(peerId);

    public void Forget(long peerId) => _scores.TryRemove(peerId, out _);
}
