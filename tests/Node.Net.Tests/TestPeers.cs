using Node.Primitives.Consensus;

namespace Node.Net.Tests;

internal static class TestPeers
{
    /// <summary>Generous: only reached when something is broken.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static PeerOptions Options() => new()
    {
        Network = ChainParams.Regtest,
        TimerResolution = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Polls a condition that other tasks make true; fails only after the generous timeout.</summary>
    public static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(10);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static async Task<T> Within<T>(this ValueTask<T> task) => await task.AsTask().WaitAsync(Timeout);
}
