using System.Buffers;
using System.Net;
using Node.Chain.State;
using Node.Net;
using Node.Net.Tests;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Sync.Tests.Integration;
using Node.Wire;

namespace Node.Sync.Tests.Hostile;

/// <summary>
/// A node under attack: listening on 127.0.0.1 with no peers of its own, a raw socket client connected to it, and
/// afterwards an honest node serving a chain, which it must still sync in full.
/// </summary>
internal static class AttackedNode
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));

    public static TestNode Start(ChainParams network, LogCollector logs, Func<PeerOptions, PeerOptions>? peer = null) =>
        TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = network,
            MinimumChainWork = UInt256.Zero,
            Listen = true,
            ConfigurePeer = peer,
            Loggers = logs.Factory("N"),
        });

    /// <summary>Connects a raw client (optionally through the handshake) and finds the node's side of the connection.</summary>
    public static async Task<(RawClient Client, Peer Peer)> ConnectAsync(TestNode node, bool handshake = true)
    {
        var client = await RawClient.ConnectAsync(node.Node.ListenEndPoint!, magic: node.Node.Options.Network.Magic);
        Peer? peer = null;
        await TestPeers.Eventually(() =>
            (peer = node.Node.Connections.Peers.FirstOrDefault(p => p.RemoteEndPoint.Port == client.LocalEndPoint.Port)) is not null);
        if (handshake) await client.HandshakeAsync();
        return (client, peer!);
    }

    /// <summary>How the node's side of the connection ended.</summary>
    public static Task<PeerDisconnect> DisconnectOf(Peer peer) => peer.Completion.WaitAsync(Timeout);

    /// <summary>A frame with a payload no message type would write (over-long lists, broken encodings).</summary>
    public static byte[] RawFrame(uint magic, Command command, ReadOnlySpan<byte> payload)
    {
        var writer = new ArrayBufferWriter<byte>();
        new MessageWriter(writer, magic).WriteRaw(command, payload);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>A ping answered proves every byte sent before it was read and the connection is still up.</summary>
    public static async Task AssertStillAnswersAsync(RawClient client, Peer peer, ulong nonce)
    {
        await client.SendAsync(new PingMessage(nonce));
        ulong answered;
        do
        {
            var (_, pong) = await client.ReadUntilAsync(Command.Pong);
            answered = PongMessage.Decode(new ReadOnlySequence<byte>(pong)).Nonce;
        }
        while (answered != nonce);
        Assert.True(peer.IsConnected);
    }

    /// <summary>
    /// An honest node holding <paramref name="blocks"/> (from genesis) connects to the attacked node, which must
    /// reach its tip; the attacker's address (127.0.0.1, local) was disconnected, never banned.
    /// </summary>
    public static async Task AssertSyncsFromHonestPeerAsync(TestNode node, IReadOnlyList<byte[]> blocks, LogCollector logs)
    {
        var network = node.Node.Options.Network;
        var tip = HashOf(blocks[^1]);
        // The honest node's clock stands an hour after its tip, so it is current and serves any peer.
        var clock = FixedClock.AtUnix(BlockHeader.Read(blocks[^1]).Time + 3600);
        var chainOptions = new ChainStateOptions { MinimumChainWork = UInt256.Zero, Clock = clock };
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Node.Sync.BlockConnected += block =>
        {
            if (block.Hash == tip) reached.TrySetResult();
        };
        await using var honest = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.Preload(network, chainOptions, blocks.Skip(1)),
            Network = network,
            MinimumChainWork = UInt256.Zero,
            Clock = clock,
            Connect = [node.Address],
            Loggers = logs.Factory("H"),
        });
        await Await.Within(reached.Task, Timeout, () => $"N to reach the honest tip: {node.Node.Sync.Counters.BlocksConnected} connected");
        Assert.Equal(tip, node.Node.Chain.Tip);
        Assert.Equal(blocks.Count - 1, node.Node.Chain.TipHeight);
        Assert.False(node.Node.Connections.Bans.IsBanned(IPAddress.Loopback));
    }
}
