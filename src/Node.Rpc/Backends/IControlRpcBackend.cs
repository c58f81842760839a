namespace Node.Rpc.Backends;

/// <summary>What the control methods need from the node's host.</summary>
public interface IControlRpcBackend
{
    /// <summary>Asks the node to shut down; returns at once (the reply is sent before the node stops).</summary>
    void RequestShutdown();

    /// <summary>When the node started, for uptime.</summary>
    DateTimeOffset StartTime { get; }

    TimeProvider Clock { get; }
}
