namespace Node.Rpc.Backends;

/// <summary>The parts of the node the RPC methods talk to. Null network: Core's "P2P disabled" (-31); null mining or control: those methods fail with -1 saying so.</summary>
public sealed record RpcBackends(
    IBlockchainRpcBackend Blockchain,
    INetworkRpcBackend? Network = null,
    IMiningRpcBackend? Mining = null,
    IControlRpcBackend? Control = null);
