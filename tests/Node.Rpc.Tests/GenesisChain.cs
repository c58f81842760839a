using Node.Chain.State;
using Node.Primitives.Consensus;
using Node.Rpc.Backends;
using Node.Rpc.Http;

namespace Node.Rpc.Tests;

/// <summary>A real regtest chain state holding only its genesis block, in a temp directory, for server tests that vary the options.</summary>
internal sealed class GenesisChain : IDisposable
{
    private readonly ChainState _chain;

    public GenesisChain()
    {
        Directory.CreateDirectory(DataDirectory);
        _chain = ChainState.Open(DataDirectory, ChainParams.Regtest);
        Backends = new RpcBackends(new ChainStateBlockchainBackend(_chain, DataDirectory, new object()));
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sharpnode-rpc-" + Guid.NewGuid().ToString("N"));

    public RpcBackends Backends { get; }

    public Task<RpcServer> StartAsync(RpcServerOptions? options = null) =>
        RpcServer.StartAsync((options ?? new RpcServerOptions { DataDirectory = DataDirectory }) with { DataDirectory = DataDirectory, Port = 0 }, Backends);

    public void Dispose()
    {
        _chain.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
