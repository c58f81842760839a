namespace Node.Primitives.Consensus;

public sealed partial record ChainParams
{
    public static ChainParams Regtest { get; } = new()
    {
        Name = "regtest",
        Type = ChainType.Regtest,
        MessageStart = new byte[] { 0xfa, 0xbf, 0xb5, 0xda },
        DefaultPort = 18444,
        GenesisBlockBytes = GenesisBlock.Create(GenesisBlock.SatoshiMessage, GenesisBlock.SatoshiOutputScript(),
            1296688602, 2, 0x207fffff, 1, ConsensusConstants.InitialSubsidy),
        GenesisHash = Hash256.Parse("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
        PowLimit = UInt256.Parse("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        PowTargetTimespan = 24 * 60 * 60,
        PowAllowMinDifficultyBlocks = true,
        PowNoRetargeting = true,
        EnforceBip94 = false,
        Bip34Height = 1,
        Bip65Height = 1,
        Bip66Height = 1,
        CsvHeight = 1,
        SegwitHeight = 0,
        TaprootHeight = 0, // always active
        SubsidyHalvingInterval = 150,
        MinimumChainWork = UInt256.Zero,
        DefaultAssumeValid = Hash256.Zero,
    };
}
