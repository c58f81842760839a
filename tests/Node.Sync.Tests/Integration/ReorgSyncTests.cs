using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Tests;

namespace Node.Sync.Tests.Integration;

/// <summary>btcd's fork fixture served by two peers on different branches: the syncing node ends on the most work.</summary>
public sealed class ReorgSyncTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly LogCollector _logs = new();

    private static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));

    [Fact]
    public async Task A_node_on_the_short_branch_reorganizes_when_a_peer_serves_more_work_and_relays_it()
    {
        var main = TestData.BlkRecords("blocks/btcd-blk_0_to_4.blk");
        var b3A = TestData.BlkRecords("blocks/btcd-blk_3A.blk")[0];
        var b4A = TestData.BlkRecords("blocks/btcd-blk_4A.blk")[0];
        var b5A = TestData.BlkRecords("blocks/btcd-blk_5A.blk")[0];
        // The fixture's blocks are from January 2009: the clocks stand an hour after 5A, so the serving nodes are current.
        var clock = FixedClock.AtUnix(BlockHeader.Read(b5A).Time + 3600);
        var chainOptions = new ChainStateOptions { MinimumChainWork = UInt256.Zero, Clock = clock };
        var shortDir = TestNode.Preload(ChainParams.Main, chainOptions, main.Skip(1));
        var longDir = TestNode.Preload(ChainParams.Main, chainOptions, [main[1], main[2], b3A, b4A, b5A]);

        NodeRunnerOptions Options(string dir, string name) => new()
        {
            DataDirectory = dir,
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Clock = clock,
            Loggers = _logs.Factory(name),
        };
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var shortBranch = TestNode.Start(Options(shortDir, "X"));
        Assert.False(shortBranch.Node.Chain.IsInitialBlockDownload);

        // Z syncs the short branch first, from X alone.
        var onShort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onLong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnected = new List<int>();
        await using var syncing = TestNode.Start(Options(TestNode.NewDataDir(), "Z") with { AddNode = [shortBranch.Address] }, node =>
        {
            node.Chain.BlockDisconnected += block => disconnected.Add(block.Height);
            node.Sync.BlockConnected += block =>
            {
                if (block.Hash == HashOf(main[4])) onShort.TrySetResult();
                if (block.Hash == HashOf(b5A)) onLong.TrySetResult();
            };
        });
        await Await.Within(onShort.Task, TimeSpan.FromSeconds(30), () => "Z to connect block 4 of the short branch");

        // Then Y, holding the branch with more work, connects to Z: Z fetches its headers and blocks and reorganizes.
        var xOnLong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shortBranch.Node.Sync.BlockConnected += block =>
        {
            if (block.Hash == HashOf(b5A)) xOnLong.TrySetResult();
        };
        await using var longBranch = TestNode.Start(Options(longDir, "Y") with { Connect = [syncing.Address] });
        await Await.Within(onLong.Task, TimeSpan.FromSeconds(30), () => "Z to reorganize to 5A");
        Assert.Equal([4, 3], disconnected);

        // Z is current, so it announces its new tip to X, which follows it to the long branch as well.
        await Await.Within(xOnLong.Task, TimeSpan.FromSeconds(30), () => "X to follow Z's announcement to 5A");

        await syncing.Node.StopAsync();
        using var chain = ChainState.Open(syncing.DataDir, ChainParams.Main, chainOptions);
        Assert.Equal(HashOf(b5A), chain.Tip);
        Assert.Equal(5, chain.TipHeight);
        Assert.True(chain.GetHeaderByHeight(3, out _, out var atThree));
        Assert.Equal(HashOf(b3A), atThree);
    }
}
