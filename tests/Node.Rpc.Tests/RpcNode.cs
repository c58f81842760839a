using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Rpc.Backends;
using Node.Rpc.Http;
using Node.Tests;

namespace Node.Rpc.Tests;

/// <summary>A clock that stands still, so the tip's age (and so IBD) does not depend on today's date.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The host side of the control methods as a node host provides it: a start time and a shutdown request.</summary>
internal sealed class HostControl(TimeProvider clock, DateTimeOffset startTime) : IControlRpcBackend
{
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset StartTime => startTime;

    public TimeProvider Clock => clock;

    public Task ShutdownRequested => _shutdown.Task;

    public void RequestShutdown() => _shutdown.TrySetResult();
}

/// <summary>
/// A real chain state on mainnet parameters (RocksDB + flat files in a temp directory) holding the
/// real blocks 0..<c>height</c>, served by a real <see cref="RpcServer"/> on 127.0.0.1 with an
/// ephemeral port and cookie authentication.
/// </summary>
public class RpcNode : IAsyncLifetime
{
    public static readonly Lazy<List<byte[]>> Blocks = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));

    private readonly int _height;
    private ChainState? _chain;

    public RpcNode() : this(438)
    {
    }

    protected RpcNode(int height) => _height = height;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sharpnode-rpc-" + Guid.NewGuid().ToString("N"));

    public RpcServer Server { get; private set; } = null!;

    internal HostControl Control { get; private set; } = null!;

    internal FixedClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(BlockHeader.Read(Blocks.Value[438]).Time + 3600));

    public Uri Url => new($"http://127.0.0.1:{Server.Port}/");

    public string CookiePassword => File.ReadAllText(Server.CookiePath!).Split(':')[1];

    public static Hash256 HashAt(int height) => BlockHeader.HashOf(Blocks.Value[height]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _chain = ChainState.Open(DataDirectory, ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero, Clock = Clock });
        for (int h = 1; h <= _height; h++)
        {
            var result = _chain.ProcessBlock(Blocks.Value[h]);
            if (result.Status != BlockProcessStatus.Connected) throw new InvalidOperationException($"block {h}: {result}");
        }
        Control = new HostControl(Clock, Clock.GetUtcNow().AddSeconds(-42));
        var backends = new RpcBackends(new ChainStateBlockchainBackend(_chain, DataDirectory, new object()), Control: Control);
        Server = await RpcServer.StartAsync(new RpcServerOptions { DataDirectory = DataDirectory, Port = 0, Clock = Clock }, backends);
    }

    public async Task DisposeAsync()
    {
        await Server.StopAsync();
        _chain?.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>The same node two blocks short (tip 436), for submitting blocks 437 and 438 for real.</summary>
public sealed class RpcNodeAt436 : RpcNode
{
    public RpcNodeAt436() : base(436)
    {
    }
}
