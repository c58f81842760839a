using Node.Net;
using Node.Net.Tests;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Tests.Integration;
using Node.Wire;

namespace Node.Sync.Tests.Hostile;

/// <summary>
/// Regtest: a header whose proof of work is real but at another difficulty than the chain requires is Core's
/// "bad-diffbits" (BLOCK_INVALID_HEADER): one offence disconnects the peer (MaybePunishNodeForBlock).
/// </summary>
public sealed class BadDifficultyAttackTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Harder than regtest's fixed 0x207fffff: the target's top two bytes are zero.</summary>
    private const uint HarderBits = 0x2000ffff;

    private readonly LogCollector _logs = new();

    [Fact]
    public async Task A_header_with_valid_work_at_the_wrong_difficulty_disconnects_with_bad_diffbits()
    {
        var header = MineHarder(new BlockHeader(4, ChainParams.Regtest.GenesisHash, default, ChainParams.Regtest.GenesisHeader.Time + 600, HarderBits, 0));
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var node = AttackedNode.Start(ChainParams.Regtest, _logs);
        var (client, peer) = await AttackedNode.ConnectAsync(node);
        using (client)
        {
            await client.SendBytesAsync(RawClient.Frame(new HeadersMessage([header]), client.Magic));
            var gone = await AttackedNode.DisconnectOf(peer);
            Assert.Equal(DisconnectReason.Misbehaviour, gone.Reason);
            Assert.Equal("invalid header received: bad-diffbits", gone.Detail);
            Assert.False(node.Node.Chain.Index.Contains(header.GetHash()));
        }
    }

    /// <summary>Grinds the nonce until the hash meets <see cref="HarderBits"/> (its two most significant bytes are zero).</summary>
    private static BlockHeader MineHarder(BlockHeader header)
    {
        while (true)
        {
            var hash = header.GetHash();
            if (hash.Bytes[31] == 0 && hash.Bytes[30] == 0) return header;
            header = header with { Nonce = header.Nonce + 1 };
        }
    }
}
