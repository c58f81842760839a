using System.Buffers.Binary;
using Node.Net;
using Node.Net.Tests;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Tests.Integration;
using Node.Tests;
using Node.Wire;

namespace Node.Sync.Tests.Hostile;

/// <summary>
/// A raw socket connects to a whole mainnet node and does one bad thing; the node ends (or keeps) the connection
/// for the named reason, as Core would, and then syncs blocks 0–438 from an honest peer.
/// </summary>
public sealed class HostilePeerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<List<byte[]>> Mainnet = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));
    private static readonly uint Magic = ChainParams.Main.Magic;
    private readonly LogCollector _logs = new();

    private static BlockHeader Header(int height) => BlockHeader.Read(Mainnet.Value[height]);

    /// <summary>Starts the node, lets the raw client attack it, then checks it still syncs from an honest peer.</summary>
    private async Task AttackAsync(Func<TestNode, RawClient, Peer, Task> attack, bool handshake = true, Func<PeerOptions, PeerOptions>? peer = null)
    {
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var node = AttackedNode.Start(ChainParams.Main, _logs, peer);
        var (client, theirs) = await AttackedNode.ConnectAsync(node, handshake);
        using (client) await attack(node, client, theirs);
        await AttackedNode.AssertSyncsFromHonestPeerAsync(node, Mainnet.Value, _logs);
    }

    private static byte[] ListOfInventory(int count)
    {
        var payload = new byte[5 + count * InventoryVector.Size];
        int at = CompactSize.Write(payload, (ulong)count);
        for (int i = 0; i < count; i++, at += InventoryVector.Size)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(at), (uint)InventoryType.Block);
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(at + 4), i + 1);
        }
        return payload[..at];
    }

    private static Hash256 FirstLocatorHash(byte[] getHeaders)
    {
        var locator = new Hash256[ProtocolLimits.MaxLocator];
        return LocatorMessage.Decode(Command.GetHeaders, new System.Buffers.ReadOnlySequence<byte>(getHeaders), locator).Locator[0];
    }

    [Fact]
    public Task Wrong_magic_disconnects_with_WrongMagic() => AttackAsync(async (_, client, peer) =>
    {
        await client.SendBytesAsync(RawClient.Frame(new PingMessage(1), ChainParams.Regtest.Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.WrongMagic, gone.Reason);
        await client.WaitClosedAsync();
    });

    [Fact]
    public Task A_bad_checksum_drops_the_message_and_keeps_the_peer_as_Core_does() => AttackAsync(async (_, client, peer) =>
    {
        var ping = RawClient.Frame(new PingMessage(5), Magic);
        ping[20] ^= 0xFF; // the checksum's first byte
        await client.SendBytesAsync(ping);
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 77);
        Assert.False(peer.IsClosing);
    });

    [Fact]
    public Task A_length_over_4_000_000_disconnects_with_OversizedPayload_before_any_payload() => AttackAsync(async (_, client, peer) =>
    {
        var header = AttackedNode.RawFrame(Magic, Command.Block, []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), ProtocolLimits.MaxPayloadLength + 1);
        await client.SendBytesAsync(header); // the 24-byte header only: no payload follows
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.OversizedPayload, gone.Reason);
        Assert.Contains("4000001", gone.Detail);
        await client.WaitClosedAsync();
    });

    [Fact]
    public Task A_truncated_message_then_close_ends_with_RemoteClosed_and_nothing_processed() => AttackAsync(async (node, client, peer) =>
    {
        var block = AttackedNode.RawFrame(Magic, Command.Block, Mainnet.Value[1]);
        await client.SendBytesAsync(block[..(block.Length / 2)]);
        client.ShutdownSend();
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.RemoteClosed, gone.Reason);
        Assert.Equal(0, node.Node.Sync.Counters.BlocksReceived);
        Assert.Equal(0, node.Node.Chain.TipHeight);
    });

    [Fact]
    public Task Garbage_bytes_before_any_handshake_disconnect_with_WrongMagic() => AttackAsync(async (_, client, peer) =>
    {
        var garbage = System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        await client.SendBytesAsync(garbage);
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.WrongMagic, gone.Reason);
        Assert.False(peer.IsHandshakeComplete);
    }, handshake: false);

    [Fact]
    public Task A_peer_that_never_sends_its_version_is_dropped_with_HandshakeTimeout() => AttackAsync(async (_, client, peer) =>
    {
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.HandshakeTimeout, gone.Reason);
        await client.WaitClosedAsync();
    }, handshake: false, peer: p => p with { HandshakeTimeout = TimeSpan.FromSeconds(1), TimerResolution = TimeSpan.FromMilliseconds(100) });

    [Fact]
    public Task An_inv_of_50_001_entries_is_misbehaviour_and_disconnects() => AttackAsync(async (_, client, peer) =>
    {
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.Inv, ListOfInventory(ProtocolLimits.MaxInventory + 1)));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Contains("Inv", gone.Detail);
    });

    [Fact]
    public Task A_getdata_of_50_001_entries_is_misbehaviour_and_disconnects() => AttackAsync(async (_, client, peer) =>
    {
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.GetData, ListOfInventory(ProtocolLimits.MaxInventory + 1)));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Contains("GetData", gone.Detail);
    });

    [Fact]
    public Task An_inv_of_exactly_50_000_entries_is_within_the_limit() => AttackAsync(async (_, client, peer) =>
    {
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.Inv, ListOfInventory(ProtocolLimits.MaxInventory)));
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 9);
    });

    [Fact]
    public Task A_header_with_a_flipped_nonce_fails_proof_of_work_and_disconnects() => AttackAsync(async (node, client, peer) =>
    {
        await client.ReadUntilAsync(Command.GetHeaders); // we are its sync peer: answer with a broken header 1
        var forged = Header(1) with { Nonce = Header(1).Nonce ^ 1 };
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([forged]), Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Contains("high-hash", gone.Detail);
        Assert.False(node.Node.Chain.Index.Contains(forged.GetHash()));
    });

    [Fact]
    public Task Headers_that_never_connect_are_each_answered_with_getheaders_and_never_punished_as_Core_v28() => AttackAsync(async (node, client, peer) =>
    {
        // Header 300 with its parent unknown, 60 times (Core before v28 scored every 10th such message): each is
        // taken as the answer to our last getheaders, so each gets a new getheaders from our best header.
        await client.ReadUntilAsync(Command.GetHeaders); // the sync peer's first getheaders
        var unconnecting = RawClient.Frame(new HeadersMessage([Header(300)]), Magic);
        for (int i = 0; i < 60; i++)
        {
            await client.SendBytesAsync(unconnecting);
            await client.ReadUntilAsync(Command.GetHeaders);
        }
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 60);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task Unrequested_headers_that_connect_are_accepted_as_Core_does_not_btcds_limit_of_8() => AttackAsync(async (node, client, peer) =>
    {
        // Headers 1–10 answer the getheaders; 11–30 then come unasked, more than an announcement (8) carries.
        await client.ReadUntilAsync(Command.GetHeaders);
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([.. Enumerable.Range(1, 10).Select(Header)]), Magic));
        await client.ReadUntilAsync(Command.GetData); // the requested headers were taken: their blocks are asked for
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([.. Enumerable.Range(11, 20).Select(Header)]), Magic));
        await TestPeers.Eventually(() => node.Node.Chain.BestHeaderHeight == 30);
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 30);
    });

    [Fact]
    public Task An_unrequested_block_with_an_unknown_parent_is_dropped_as_btcd_does() => AttackAsync(async (node, client, peer) =>
    {
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Node.Sync.PeerDropped += (id, reason) =>
        {
            if (id == peer.Id) dropped.TrySetResult(reason);
        };
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.Block, Mainnet.Value[2]));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Requested, gone.Reason);
        Assert.StartsWith("unrequested block " + AttackedNode.HashOf(Mainnet.Value[2]), gone.Detail);
        Assert.Equal(gone.Detail, await Await.Within(dropped.Task, AttackedNode.Timeout, () => "PeerDropped"));
        Assert.Equal(1, node.Node.Sync.Counters.UnrequestedBlocks);
        Assert.Equal(0, node.Node.Chain.TipHeight);
    });

    [Fact]
    public Task An_unrequested_new_block_with_more_work_is_processed_as_Core_does_and_a_repeat_ignored() => AttackAsync(async (node, client, peer) =>
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Node.Sync.BlockConnected += block =>
        {
            if (block.Height == 1) connected.TrySetResult();
        };
        var block1 = AttackedNode.RawFrame(Magic, Command.Block, Mainnet.Value[1]);
        await client.SendBytesAsync(block1);
        await Await.Within(connected.Task, AttackedNode.Timeout, () => "block 1 to connect");
        await client.SendBytesAsync(block1); // already have it: ignored, the peer stays
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 2);
        Assert.Equal(2, node.Node.Sync.Counters.UnrequestedBlocks);
        Assert.Equal(AttackedNode.HashOf(Mainnet.Value[1]), node.Node.Chain.Tip);
    });

    [Fact]
    public Task A_headers_message_of_2_001_is_misbehaviour_and_disconnects() => AttackAsync(async (node, client, peer) =>
    {
        var headers = Enumerable.Range(0, ProtocolLimits.MaxHeaders + 1).Select(i => Header(1 + i % 438)).ToArray();
        var payload = new byte[3 + headers.Length * (BlockHeader.Size + 1)];
        int at = CompactSize.Write(payload, (ulong)headers.Length);
        foreach (var header in headers)
        {
            header.Write(payload.AsSpan(at));
            at += BlockHeader.Size + 1; // each followed by a zero transaction count
        }
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.Headers, payload));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Contains("Headers", gone.Detail);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task Headers_that_do_not_link_to_each_other_disconnect_with_NotContinuous() => AttackAsync(async (node, client, peer) =>
    {
        await client.ReadUntilAsync(Command.GetHeaders);
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([Header(1), Header(2), Header(4)]), Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Equal("non-continuous headers sequence at height 3", gone.Detail);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task A_non_connecting_header_with_bad_proof_of_work_disconnects_before_the_connect_check_as_Core_v28() => AttackAsync(async (node, client, peer) =>
    {
        // Header 300's parent is unknown to the node; with its nonce flipped its hash misses its own target.
        await client.ReadUntilAsync(Command.GetHeaders);
        var forged = Header(300) with { Nonce = Header(300).Nonce ^ 1 };
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([forged]), Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.StartsWith("header with invalid proof of work", gone.Detail);
        Assert.Contains("high-hash", gone.Detail);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task A_non_connecting_header_with_valid_proof_of_work_is_answered_with_getheaders_and_not_punished() => AttackAsync(async (node, client, peer) =>
    {
        await client.ReadUntilAsync(Command.GetHeaders);
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([Header(300)]), Magic));
        var (_, payload) = await client.ReadUntilAsync(Command.GetHeaders);
        Assert.Equal(ChainParams.Main.GenesisHash, FirstLocatorHash(payload)); // from our best header, the genesis block
        await AttackedNode.AssertStillAnswersAsync(client, peer, nonce: 300);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task Bad_proof_of_work_is_named_before_a_broken_sequence_as_Core_checks_it_first() => AttackAsync(async (node, client, peer) =>
    {
        // Headers 1, 2, 4: not continuous, and 4's proof of work is broken too; Core's CheckHeadersPoW names the
        // proof of work, whose check comes before the continuity check.
        await client.ReadUntilAsync(Command.GetHeaders);
        var forged = Header(4) with { Nonce = Header(4).Nonce ^ 1 };
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([Header(1), Header(2), forged]), Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.StartsWith("header with invalid proof of work", gone.Detail);
        Assert.Contains(forged.GetHash().ToString(), gone.Detail);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task Non_connecting_headers_that_do_not_link_to_each_other_are_misbehaviour_too() => AttackAsync(async (node, client, peer) =>
    {
        await client.ReadUntilAsync(Command.GetHeaders);
        await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([Header(300), Header(302)]), Magic));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Equal("non-continuous headers sequence", gone.Detail);
        Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
    });

    [Fact]
    public Task A_block_whose_transactions_do_not_match_its_merkle_root_is_misbehaviour() => AttackAsync(async (node, client, peer) =>
    {
        var mutated = (byte[])Mainnet.Value[1].Clone();
        mutated[^5] ^= 1; // in the coinbase output script: the header (and its proof of work) stays valid
        await client.SendBytesAsync(AttackedNode.RawFrame(Magic, Command.Block, mutated));
        var gone = await AttackedNode.DisconnectOf(peer);
        Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
        Assert.Contains("bad-txnmrklroot", gone.Detail);
        Assert.Equal(0, node.Node.Chain.TipHeight);
    });
}
