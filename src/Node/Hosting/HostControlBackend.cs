using Node.Rpc.Backends;

namespace Node.Hosting;

/// <summary>The <c>stop</c> and <c>uptime</c> RPCs over the host's shutdown token source.</summary>
internal sealed class HostControlBackend(CancellationTokenSource shutdown, DateTimeOffset startTime) : IControlRpcBackend
{
    public DateTimeOffset StartTime => startTime;

    public TimeProvider Clock => TimeProvider.System;

    // The reply goes out before the host stops the RPC server, which waits for requests in flight.
    public void RequestShutdown() => shutdown.Cancel();
}
