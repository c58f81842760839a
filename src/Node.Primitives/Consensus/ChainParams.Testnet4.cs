namespace Node.Primitives.Consensus;

public sealed partial record ChainParams
{
    public static ChainParams Testnet4 { get; } = new()
    {
        Name = "testnet4",
        Type = ChainType.Testnet4,
        MessageStart = new byte[] { 0x1c, 0x16, 0x3f, 0x28 },
        DefaultPort = 48333,
        GenesisBlockBytes = GenesisBlock.Create(
            "03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e",
            GenesisBlock.PayToPubKey(new byte[33]),
            1714777860, 393743547, 0x1d00ffff, 1, ConsensusConstants.InitialSubsidy),
        GenesisHash = Hash256.Parse("00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043"),
        PowLimit = UInt256.Parse("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        PowAllowMinDifficultyBlocks = true,
        PowNoRetargeting = false,
        EnforceBip94 = true,
        Bip34Height = 1,
        Bip65Height = 1,
        Bip66Height = 1,
        CsvHeight = 1,
        SegwitHeight = 1,
        TaprootHeight = 0, // always active
        MinimumChainWork = UInt256.Parse("00000000000000000000000000000000000000000000034a4690fe592dc49c7c"),
        DefaultAssumeValid = Hash256.Parse("000000000000000180a58e7fa3b0db84b5ea76377524894f53660d93ac839d9b"), // 91000
        DnsSeeds =
        [
            "seed.testnet4.bitcoin.sprovoost.nl.",
            "seed.testnet4.wiz.biz.",
        ],
        FixedSeeds = Consensus.FixedSeeds.Parse(Consensus.FixedSeeds.Testnet4Entries),
    };
}
