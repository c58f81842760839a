namespace Node.Tests;

/// <summary>What code allocates on the calling thread, measured so that one-off runtime allocations do not count.</summary>
public static class Allocations
{
    /// <summary>
    /// The least allocated by 10 runs of <paramref name="action"/>, over up to 5 rounds after 3 warm-up runs. A one-off
    /// allocation (a tier-up of the code under test, a gen 2 collection caused by tests running alongside trimming a
    /// shared pool) shows in one round only; code that allocates per run does so in every round.
    /// </summary>
    public static long LeastPerRounds(Action action)
    {
        for (int i = 0; i < 3; i++) action();
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
