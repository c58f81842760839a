namespace Node.Net.Tests;

/// <summary>The added-node list behind the addnode RPC: add keeps a target connected, remove stops that, onetry tries once.</summary>
public class AddedNodeTests
{
    private static ConnectionManagerOptions NotListening() => new()
    {
        Peer = TestPeers.Options(),
        Listen = false,
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task An_added_node_is_connected_and_reconnected_until_removed()
    {
        await using var remote = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        await using var manager = new ConnectionManager(NotListening(), sink);
        manager.Start();
        string target = remote.EndPoint.ToString();

        Assert.True(manager.AddNode(target));
        Assert.False(manager.AddNode(target));
        var first = await sink.NextConnectedAsync();
        Assert.True(first.IsManual);
        Assert.Equal(remote.EndPoint, first.RemoteEndPoint);

        (await remote.NextPeerAsync()).Disconnect(DisconnectReason.Requested, "go away");
        await sink.NextDisconnectedAsync();
        var second = await sink.NextConnectedAsync();
        Assert.NotEqual(first.Id, second.Id);

        Assert.True(manager.RemoveAddedNode(target));
        Assert.False(manager.RemoveAddedNode(target));
        Assert.True(second.IsConnected); // removing a node does not drop its live connection, as in Core
        Assert.True(manager.AddNode(target)); // and it can be added again
    }

    [Fact]
    public async Task Onetry_connects_once_as_a_manual_peer()
    {
        await using var remote = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        await using var manager = new ConnectionManager(NotListening(), sink);
        manager.Start();

        manager.ConnectOnce(remote.EndPoint.ToString());
        var peer = await sink.NextConnectedAsync();
        Assert.True(peer.IsManual);
        Assert.Equal(PeerDirection.Outbound, peer.Direction);
        Assert.False(manager.RemoveAddedNode(remote.EndPoint.ToString())); // onetry does not add it to the list
    }
}
