using System.Net;
using System.Net.Sockets;

namespace Node.Net;

public sealed partial class ConnectionManager
{
    /// <summary>Keeps one -connect/-addnode target connected: connect, run until disconnected, wait, retry.</summary>
    private async Task MaintainOutboundAsync(string target, CancellationToken stopping)
    {
        var delay = _options.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            bool handshook = false;
            try
            {
                var remote = await ResolveAsync(target, stopping).ConfigureAwait(false);
                var socket = await ConnectAsync(remote, stopping).ConfigureAwait(false);
                var permissions = WhitelistParser.PermissionsFor(_options.Whitelist, remote.Address, PeerDirection.Outbound);
                var peer = Track(socket, remote, PeerDirection.Outbound, permissions, manual: true);
                await peer.Completion.WaitAsync(stopping).ConfigureAwait(false);
                handshook = peer.IsHandshakeComplete;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                ManagerLog.ConnectFailed(_log, target, e.Message);
            }
            if (handshook) delay = _options.ReconnectDelay;
            try
            {
                await Task.Delay(delay, _options.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!handshook) delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task<Socket> ConnectAsync(IPEndPoint remote, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>"host", "host:port", "[v6]:port" or an address; the network's default port when none is given.</summary>
    private async Task<IPEndPoint> ResolveAsync(string target, CancellationToken stopping)
    {
        int port = _options.Peer.Network.DefaultPort;
        if (IPEndPoint.TryParse(target, out var endpoint))
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, port) : endpoint;
        var host = target;
        int colon = target.LastIndexOf(':');
        if (colon > 0 && int.TryParse(target.AsSpan(colon + 1), out int parsed))
        {
            host = target[..colon];
            port = parsed;
        }
        var addresses = await Dns.GetHostAddressesAsync(host, stopping).ConfigureAwait(false);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(addresses[0], port);
    }
}
