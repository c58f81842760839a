using System.Net;
using System.Net.Sockets;

namespace Node.Net;

public sealed partial class ConnectionManager
{
    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                ManagerLog.AcceptFailed(_log, e.SocketErrorCode);
                continue;
            }
            OnAccepted(socket);
        }
    }

    private void OnAccepted(Socket socket)
    {
        IPEndPoint remote;
        try
        {
            remote = (IPEndPoint)socket.RemoteEndPoint!;
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset before we looked at it
            return;
        }
        var address = Subnets.Normalize(remote.Address);
        var permissions = WhitelistParser.PermissionsFor(_options.Whitelist, address, PeerDirection.Inbound);
        if (!permissions.Has(PeerPermissions.NoBan) && Bans.IsBanned(address))
        {
            Refuse(socket, remote, DisconnectReason.Banned);
            return;
        }
        if (InboundCount >= _options.MaxInbound)
        {
            Refuse(socket, remote, DisconnectReason.InboundLimit);
            return;
        }
        Track(socket, remote, PeerDirection.Inbound, permissions, manual: false);
    }

    private void Refuse(Socket socket, IPEndPoint remote, DisconnectReason reason)
    {
        ManagerLog.Refused(_log, remote, reason);
        socket.Dispose();
        ConnectionRefused?.Invoke(remote, reason);
    }
}
