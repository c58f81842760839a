using Node.Chain.Mining;
using Node.Net;
using Node.Net.Tests;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Tests.Integration;
using Node.Wire;

namespace Node.Sync.Tests.Hostile;

/// <summary>
/// Regtest with a checkpoint at height 5 on a generated chain: a raw peer serving another valid chain (same rules,
/// other timestamps) contradicts the checkpoint or forks below it, and is disconnected for that named reason.
/// </summary>
public sealed class CheckpointAttackTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int CheckpointHeight = 5;
    private static readonly Lazy<List<AssembledBlock>> Honest = new(() => Generate(new ChainGeneratorOptions().StartTime));
    private static readonly Lazy<List<AssembledBlock>> Other = new(() => Generate(new ChainGeneratorOptions().StartTime + 777));
    private readonly LogCollector _logs = new();

    private static List<AssembledBlock> Generate(uint startTime)
    {
        var blocks = new List<AssembledBlock> { default };
        new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = 1000, StartTime = startTime })
            .Generate(20, block => blocks.Add(block with { Bytes = block.Bytes.ToArray() }));
        return blocks;
    }

    private static ChainParams WithCheckpoint => ChainParams.Regtest with { Checkpoints = [new Checkpoint(CheckpointHeight, Honest.Value[CheckpointHeight].Hash)] };

    private static List<byte[]> HonestBlocks => [ChainParams.Regtest.GenesisBlockBytes.ToArray(), .. Honest.Value.Skip(1).Select(b => b.Bytes.ToArray())];

    private static byte[] OtherHeaders(uint magic, int from, int to) =>
        RawClient.Frame(new HeadersMessage([.. Other.Value[from..(to + 1)].Select(b => b.Header)]), magic);

    [Fact]
    public async Task Headers_contradicting_a_checkpoint_disconnect_with_CheckpointMismatch()
    {
        Assert.NotEqual(Honest.Value[CheckpointHeight].Hash, Other.Value[CheckpointHeight].Hash);
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var node = AttackedNode.Start(WithCheckpoint, _logs);
        var (client, peer) = await AttackedNode.ConnectAsync(node);
        using (client)
        {
            await client.ReadUntilAsync(Command.GetHeaders); // we are its sync peer
            await client.SendBytesAsync(OtherHeaders(client.Magic, 1, 10));
            var gone = await AttackedNode.DisconnectOf(peer);
            Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
            Assert.Equal($"headers: CheckpointMismatch at height {CheckpointHeight}", gone.Detail);
            Assert.Equal(0, node.Node.Chain.BestHeaderHeight);
        }
        await AttackedNode.AssertSyncsFromHonestPeerAsync(node, HonestBlocks, _logs);
    }

    [Fact]
    public async Task Headers_forking_below_a_passed_checkpoint_disconnect_with_ForkBeforeCheckpoint()
    {
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var node = AttackedNode.Start(WithCheckpoint, _logs);
        await AttackedNode.AssertSyncsFromHonestPeerAsync(node, HonestBlocks, _logs);

        var (client, peer) = await AttackedNode.ConnectAsync(node);
        using (client)
        {
            await client.SendBytesAsync(OtherHeaders(client.Magic, 1, 3)); // unasked
            var gone = await AttackedNode.DisconnectOf(peer);
            Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
            Assert.Equal("headers: ForkBeforeCheckpoint at height 1", gone.Detail);
        }
        Assert.Equal(Honest.Value[^1].Hash, node.Node.Chain.Tip);
        Assert.False(node.Node.Chain.Index.Contains(Other.Value[1].Hash));
    }
}
