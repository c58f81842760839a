namespace Node.Primitives.Consensus;

public sealed partial record ChainParams
{
    public static ChainParams Testnet3 { get; } = new()
    {
        Name = "test",
        Type = ChainType.Testnet3,
        MessageStart = new byte[] { 0x0b, 0x11, 0x09, 0x07 },
        DefaultPort = 18333,
        GenesisBlockBytes = GenesisBlock.Create(GenesisBlock.SatoshiMessage, GenesisBlock.SatoshiOutputScript(),
            1296688602, 414098458, 0x1d00ffff, 1, ConsensusConstants.InitialSubsidy),
        GenesisHash = Hash256.Parse("000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"),
        PowLimit = UInt256.Parse("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        PowAllowMinDifficultyBlocks = true,
        PowNoRetargeting = false,
        EnforceBip94 = false,
        Bip34Height = 21111,
        Bip34Hash = Hash256.Parse("0000000023b3a96d3484e5abb3755c413e7d41500f8e2a5c3f0dd01299cd8ef8"),
        Bip65Height = 581885,
        Bip66Height = 330776,
        CsvHeight = 770112,
        SegwitHeight = 834624,
        TaprootHeight = null,
        MinimumChainWork = UInt256.Parse("0000000000000000000000000000000000000000000016dd270dd94fac1d7632"),
        DefaultAssumeValid = Hash256.Parse("0000000000000065c6c38258e201971a3fdfcc2ceee0dd6e85a6c022d45dee34"), // 4550000
        DnsSeeds =
        [
            "testnet-seed.bitcoin.jonasschnelli.ch.",
            "seed.tbtc.petertodd.net.",
            "seed.testnet.bitcoin.sprovoost.nl.",
            "testnet-seed.bluematt.me.",
            "seed.testnet.achownodes.xyz.",
        ],
        Checkpoints =
        [
            new(546, Hash256.Parse("000000002a936ca763904c3c35fce2f3556c559c0214345d31b1bcebf76acb70")),
            new(100000, Hash256.Parse("00000000009e2958c15ff9290d571bf9459e93b19765c6801ddeccadbb160a1e")),
            new(200000, Hash256.Parse("0000000000287bffd321963ef05feab753ebe274e1d78b2fd4e2bfe9ad3aa6f2")),
            new(300001, Hash256.Parse("0000000000004829474748f3d1bc8fcf893c88be255e6d7f571c548aff57abf4")),
            new(400002, Hash256.Parse("0000000005e2c73b8ecb82ae2dbc2e8274614ebad7172b53528aba7501f5a089")),
            new(500011, Hash256.Parse("00000000000929f63977fbac92ff570a9bd9e7715401ee96f2848f7b07750b02")),
            new(600002, Hash256.Parse("000000000001f471389afd6ee94dcace5ccc44adc18e8bff402443f034b07240")),
            new(700000, Hash256.Parse("000000000000406178b12a4dea3b27e13b3c4fe4510994fd667d7c1e6a3f4dc1")),
            new(800010, Hash256.Parse("000000000017ed35296433190b6829db01e657d80631d43f5983fa403bfdb4c1")),
            new(900000, Hash256.Parse("0000000000356f8d8924556e765b7a94aaebc6b5c8685dcfa2b1ee8b41acd89b")),
            new(1000007, Hash256.Parse("00000000001ccb893d8a1f25b70ad173ce955e5f50124261bbbc50379a612ddf")),
            new(1100007, Hash256.Parse("00000000000abc7b2cd18768ab3dee20857326a818d1946ed6796f42d66dd1e8")),
            new(1200007, Hash256.Parse("00000000000004f2dc41845771909db57e04191714ed8c963f7e56713a7b6cea")),
            new(1300007, Hash256.Parse("0000000072eab69d54df75107c052b26b0395b44f77578184293bf1bb1dbd9fa")),
            new(1354312, Hash256.Parse("0000000000000037a8cd3e06cd5edbfe9dd1dbcc5dacab279376ef7cfc2b4c75")),
            new(1580000, Hash256.Parse("00000000000000b7ab6ce61eb6d571003fbe5fe892da4c9b740c49a07542462d")),
            new(1692000, Hash256.Parse("000000000000056c49030c174179b52a928c870e6e8a822c75973b7970cfbd01")),
            new(1864000, Hash256.Parse("000000000000006433d1efec504c53ca332b64963c425395515b01977bd7b3b0")),
            new(2010000, Hash256.Parse("0000000000004ae2f3896ca8ecd41c460a35bf6184e145d91558cece1c688a76")),
            new(2143398, Hash256.Parse("00000000000163cfb1f97c4e4098a3692c8053ad9cab5ad9c86b338b5c00b8b7")),
            new(2344474, Hash256.Parse("0000000000000004877fa2d36316398528de4f347df2f8a96f76613a298ce060")),
        ],
    };
}
