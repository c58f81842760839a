using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Node.Net;

/// <summary>Core's added-node list: -addnode targets and the addnode RPC ("add", "remove", "onetry").</summary>
public sealed partial class ConnectionManager
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _addedNodes = new(StringComparer.Ordinal);

    /// <summary>Keeps the target connected, with back-off, until it is removed. False when it is already on the list.</summary>
    public bool AddNode(string target)
    {
        lock (_loops)
        {
            if (_stopping.IsCancellationRequested) return false;
            var keep = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            if (!_addedNodes.TryAdd(target, keep))
            {
                keep.Dispose();
                return false;
            }
            _loops.Add(Task.Run(() => MaintainOutboundAsync(target, keep.Token)));
            return true;
        }
    }

    /// <summary>Stops reconnecting to the target; a live connection to it stays, as in Core. False when it was not added.</summary>
    public bool RemoveAddedNode(string target)
    {
        if (!_addedNodes.TryRemove(target, out var keep)) return false;
        keep.Cancel();
        return true;
    }

    /// <summary>One manual connection attempt, not retried.</summary>
    public void ConnectOnce(string target)
    {
        lock (_loops)
        {
            if (_stopping.IsCancellationRequested) return;
            _loops.Add(Task.Run(() => ConnectOnceAsync(target, _stopping.Token)));
        }
    }

    private async Task ConnectOnceAsync(string target, CancellationToken stopping)
    {
        try
        {
            var remote = await ResolveAsync(target, stopping).ConfigureAwait(false);
            var socket = await ConnectAsync(remote, stopping).ConfigureAwait(false);
            var permissions = WhitelistParser.PermissionsFor(_options.Whitelist, remote.Address, PeerDirection.Outbound);
            Track(socket, remote, PeerDirection.Outbound, permissions, manual: true);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            ManagerLog.ConnectFailed(_log, target, e.Message);
        }
    }

    private void DisposeAddedNodes()
    {
        foreach (var keep in _addedNodes.Values) keep.Dispose();
        _addedNodes.Clear();
    }
}
