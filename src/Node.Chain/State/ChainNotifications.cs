using Node.Primitives;

namespace Node.Chain.State;

/// <summary>A block as chain notifications name it: its block index id, hash and height.</summary>
public readonly record struct ChainBlock(int Id, Hash256 Hash, int Height);

/// <summary>
/// The chain's notifications, raised synchronously and in order on the thread that drives the
/// <see cref="ChainState"/>: a reorganization raises every disconnect (old tip down to the fork)
/// before the connects (fork upward).
/// </summary>
public sealed partial class ChainState
{
    /// <summary>A block was stored and passed every check made before connecting it.</summary>
    public event Action<ChainBlock>? BlockAccepted;

    /// <summary>The block became the tip of the best chain.</summary>
    public event Action<ChainBlock>? BlockConnected;

    /// <summary>The block, the tip until now, left the best chain.</summary>
    public event Action<ChainBlock>? BlockDisconnected;

    private ChainBlock Describe(int id) => new(id, _index[id].Hash, _index[id].Height);
}
