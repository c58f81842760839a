using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.State;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static ManualClock AtUnix(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A temp data directory for one chain state, deleted on dispose; records the chain's notifications in order.</summary>
public sealed class ChainStateFixture : IDisposable
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "sharpnode-chain-" + Guid.NewGuid().ToString("N"));
    public List<string> Events { get; } = [];
    public ChainState? State { get; private set; }

    public ChainStateFixture() => Directory.CreateDirectory(DataDir);

    public ChainState Open(ChainParams chainParams, ChainStateOptions options)
    {
        var state = ChainState.Open(DataDir, chainParams, options);
        state.BlockAccepted += b => Events.Add($"accepted {b.Height} {b.Hash}");
        state.BlockConnected += b => Events.Add($"connected {b.Height} {b.Hash}");
        state.BlockDisconnected += b => Events.Add($"disconnected {b.Height} {b.Hash}");
        State = state;
        return state;
    }

    public ChainState Reopen(ChainParams chainParams, ChainStateOptions options)
    {
        State?.Dispose();
        return Open(chainParams, options);
    }

    /// <summary>The events of one kind, as (height, hash).</summary>
    public List<(int Height, Hash256 Hash)> Of(string kind) =>
        Events.Where(e => e.StartsWith(kind + " ", StringComparison.Ordinal))
            .Select(e => e.Split(' '))
            .Select(p => (int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), Hash256.Parse(p[2])))
            .ToList();

    public void Dispose()
    {
        State?.Dispose();
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
    }
}
