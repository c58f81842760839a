namespace Node.Chain.Validation;

/// <summary>
/// The scratch objects of the <see cref="BlockValidator.CheckBlock(ReadOnlySpan{byte}, out CheckedBlock)"/> overloads
/// that take none: a few kept in lock-free slots and lent one per check, so those callers (any thread) allocate
/// nothing once as many checks as there are slots have run at once on blocks as large. A check that finds every
/// slot empty makes a new one; one returned to full slots is dropped.
/// </summary>
internal static class BlockCheckScratchPool
{
    private static readonly BlockCheckScratch?[] Slots = new BlockCheckScratch?[Math.Max(4, Environment.ProcessorCount)];

    public static BlockCheckScratch Rent()
    {
        for (int i = 0; i < Slots.Length; i++)
        {
            var scratch = Interlocked.Exchange(ref Slots[i], null);
            if (scratch is not null) return scratch;
        }
        return new BlockCheckScratch();
    }

    public static void Return(BlockCheckScratch scratch)
    {
        for (int i = 0; i < Slots.Length; i++)
            if (Interlocked.CompareExchange(ref Slots[i], scratch, null) is null) return;
    }
}
