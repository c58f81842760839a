using System.Net;
using System.Net.Sockets;

namespace Node.Host.Tests;

/// <summary>
/// A TCP relay on 127.0.0.1 for one connection to <c>127.0.0.1:targetPort</c>. It passes the client's bytes on
/// as they come, and the target's until <paramref name="passFromTarget"/> bytes have gone through; then it holds
/// the rest, so the client is left waiting in the middle of whatever it was receiving.
/// </summary>
public sealed class HoldingRelay(int targetPort, long passFromTarget) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private Task _run = Task.CompletedTask;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes from the target passed to the client so far.</summary>
    public long PassedFromTarget => Interlocked.Read(ref _passed);

    private long _passed;

    public void Start()
    {
        _listener.Start();
        _run = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        var client = await _listener.AcceptSocketAsync(cancel);
        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_sockets) _sockets.AddRange([client, target]);
        await target.ConnectAsync(new IPEndPoint(IPAddress.Loopback, targetPort), cancel);
        await Task.WhenAll(PumpAsync(client, target, long.MaxValue, count: false, cancel), PumpAsync(target, client, passFromTarget, count: true, cancel));
    }

    private async Task PumpAsync(Socket from, Socket to, long limit, bool count, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        long passed = 0;
        try
        {
            while (passed < limit)
            {
                int read = await from.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - passed)), SocketFlags.None, cancel);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancel);
                passed += read;
                if (count) Interlocked.Add(ref _passed, read);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets)
            foreach (var socket in _sockets) socket.Dispose();
        try
        {
            await _run;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
