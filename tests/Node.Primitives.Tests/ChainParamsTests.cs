using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Primitives.Tests;

public class ChainParamsTests
{
    /// <summary>genesis-blocks.txt names networks the btcd way.</summary>
    public static TheoryData<string, string> GenesisFileNames => new()
    {
        { "main", "mainnet" },
        { "test", "testnet3" },
        { "testnet4", "testnet4" },
        { "signet", "signet" },
        { "regtest", "regtest" },
    };

    private static Dictionary<string, (string Hash, string Raw)> GenesisFile() =>
        File.ReadLines(TestData.PathOf("chains/genesis-blocks.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => (p[1], p[2]));

    [Theory]
    [MemberData(nameof(GenesisFileNames))]
    public void Genesis_block_is_built_byte_for_byte(string name, string fileName)
    {
        var p = ChainParams.FromName(name);
        var (hash, raw) = GenesisFile()[fileName];
        Assert.Equal(raw, Convert.ToHexStringLower(p.GenesisBlockBytes.Span));
        Assert.Equal(hash, p.GenesisHash.ToString());
        Assert.Equal(p.GenesisHash, BlockHeader.HashOf(p.GenesisBlockBytes.Span));
    }

    [Theory]
    [MemberData(nameof(GenesisFileNames))]
    public void Genesis_meets_its_own_proof_of_work(string name, string _)
    {
        var p = ChainParams.FromName(name);
        var target = UInt256.FromCompact(p.GenesisHeader.Bits, out bool negative, out bool overflow);
        Assert.False(negative || overflow);
        Assert.True(target <= p.PowLimit);
        Assert.True(UInt256.FromHash(p.GenesisHash) <= target);
    }

    private static List<Checkpoint> CheckpointFile(string file) =>
        File.ReadLines(TestData.PathOf("chains/" + file))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' '))
            .Select(p => new Checkpoint(int.Parse(p[0]), Hash256.Parse(p[1])))
            .ToList();

    [Fact]
    public void Mainnet_checkpoints_are_the_35_in_the_data_file()
    {
        var expected = CheckpointFile("checkpoints-mainnet.txt");
        Assert.Equal(35, expected.Count);
        Assert.Equal(expected, ChainParams.Main.Checkpoints);
        Assert.Equal(new Checkpoint(810000, Hash256.Parse("000000000000000000028028ca82b6aa81ce789e4eb9e0321b74c3cbaf405dd1")), ChainParams.Main.LastCheckpoint);
    }

    [Fact]
    public void Testnet3_checkpoints_are_the_21_in_the_data_file()
    {
        var expected = CheckpointFile("checkpoints-testnet3.txt");
        Assert.Equal(21, expected.Count);
        Assert.Equal(expected, ChainParams.Testnet3.Checkpoints);
    }

    [Fact]
    public void Checkpoints_are_ordered_by_height()
    {
        foreach (var p in ChainParams.All)
            for (int i = 1; i < p.Checkpoints.Count; i++)
                Assert.True(p.Checkpoints[i - 1].Height < p.Checkpoints[i].Height, p.Name);
    }

    [Theory]
    [InlineData("main", "f9beb4d9", 8333, 0x1d00ffffu, 2016)]
    [InlineData("test", "0b110907", 18333, 0x1d00ffffu, 2016)]
    [InlineData("testnet4", "1c163f28", 48333, 0x1d00ffffu, 2016)]
    [InlineData("signet", "0a03cf40", 38333, 0x1e0377aeu, 2016)]
    [InlineData("regtest", "fabfb5da", 18444, 0x207fffffu, 144)]
    public void Identity_and_pow_numbers(string name, string magic, int port, uint powLimitBits, int interval)
    {
        var p = ChainParams.FromName(name);
        Assert.Equal(name, p.Name);
        Assert.Equal(magic, Convert.ToHexStringLower(p.MessageStart.Span));
        Assert.Equal(port, p.DefaultPort);
        Assert.Equal(powLimitBits, p.PowLimitBits);
        Assert.Equal(interval, p.DifficultyAdjustmentInterval);
        Assert.Equal(600, p.PowTargetSpacing);
    }

    [Fact]
    public void Magic_matches_nbitcoin()
    {
        Assert.Equal(NBitcoin.Network.Main.Magic, ChainParams.Main.Magic);
        Assert.Equal(NBitcoin.Network.TestNet.Magic, ChainParams.Testnet3.Magic);
        Assert.Equal(NBitcoin.Network.RegTest.Magic, ChainParams.Regtest.Magic);
    }

    [Fact]
    public void Rule_switches_per_network()
    {
        Assert.False(ChainParams.Main.PowAllowMinDifficultyBlocks);
        Assert.True(ChainParams.Testnet3.PowAllowMinDifficultyBlocks);
        Assert.True(ChainParams.Testnet4.PowAllowMinDifficultyBlocks);
        Assert.False(ChainParams.Signet.PowAllowMinDifficultyBlocks);
        Assert.True(ChainParams.Regtest.PowNoRetargeting);
        Assert.All(ChainParams.All.Where(p => p.Type != ChainType.Regtest), p => Assert.False(p.PowNoRetargeting));
        Assert.Equal([ChainParams.Testnet4], ChainParams.All.Where(p => p.EnforceBip94));
        Assert.Equal([ChainParams.Signet], ChainParams.All.Where(p => p.SignetBlocks));
        Assert.Equal(150, ChainParams.Regtest.SubsidyHalvingInterval);
        Assert.All(ChainParams.All.Where(p => p.Type != ChainType.Regtest), p => Assert.Equal(210_000, p.SubsidyHalvingInterval));
    }

    [Fact]
    public void Unknown_network_name_is_rejected_with_the_known_names()
    {
        var e = Assert.Throws<ArgumentException>(() => ChainParams.FromName("mainnet"));
        Assert.Contains("main, test, testnet4, signet, regtest", e.Message);
        Assert.False(ChainParams.TryFromName("Main", out _));
    }

    [Fact]
    public void Default_assume_valid_and_minimum_work_are_set_on_public_networks()
    {
        foreach (var p in ChainParams.All.Where(p => p.Type != ChainType.Regtest))
        {
            Assert.False(p.DefaultAssumeValid.IsZero, p.Name);
            Assert.False(p.MinimumChainWork.IsZero, p.Name);
            Assert.NotEmpty(p.DnsSeeds);
        }
    }
}
