using Node.Rpc.Backends;

namespace Node.Rpc.Protocol;

/// <summary>What handlers reach: the node's backends (a missing one means that part of the node is off) and the method table.</summary>
public sealed class RpcContext(RpcBackends backends, RpcMethodTable table, TimeProvider? clock = null)
{
    public RpcBackends Backends { get; } = backends;

    public RpcMethodTable Table { get; } = table;

    /// <summary>Wall-clock time for ban times.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public IBlockchainRpcBackend Blockchain => Backends.Blockchain;

    /// <summary>The connection manager, or Core's -31 when peer-to-peer is off.</summary>
    public INetworkRpcBackend Network => Backends.Network ?? throw RpcException.P2PDisabled();
}
