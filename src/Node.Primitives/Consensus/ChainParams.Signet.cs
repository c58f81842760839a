using Node.Primitives.Hashing;

namespace Node.Primitives.Consensus;

public sealed partial record ChainParams
{
    private static readonly byte[] DefaultSignetChallenge = Convert.FromHexString(
        "512103ad5e0edad18cb1f0fc0d28a3d4f1f3e445640337489abb10404f2d1e086be430210359ef5021964fe22d6f8e05b2463c9540ce96883fe3b278760f048f5189f2e6c452ae");

    /// <summary>
    /// The default signet. Its blocks must also carry a signature that satisfies the challenge
    /// (BIP325); checking it needs the script interpreter, so header validation does not do it
    /// yet: until then a signet chain is only proof-of-work checked.
    /// </summary>
    public static ChainParams Signet { get; } = new()
    {
        Name = "signet",
        Type = ChainType.Signet,
        MessageStart = SignetMessageStart(DefaultSignetChallenge),
        DefaultPort = 38333,
        GenesisBlockBytes = GenesisBlock.Create(GenesisBlock.SatoshiMessage, GenesisBlock.SatoshiOutputScript(),
            1598918400, 52613770, 0x1e0377ae, 1, ConsensusConstants.InitialSubsidy),
        GenesisHash = Hash256.Parse("00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6"),
        PowLimit = UInt256.Parse("00000377ae000000000000000000000000000000000000000000000000000000"),
        PowAllowMinDifficultyBlocks = false,
        PowNoRetargeting = false,
        EnforceBip94 = false,
        Bip34Height = 1,
        Bip65Height = 1,
        Bip66Height = 1,
        CsvHeight = 1,
        SegwitHeight = 1,
        TaprootHeight = 0, // always active
        MinimumChainWork = UInt256.Parse("0000000000000000000000000000000000000000000000000000067d328e681a"),
        DefaultAssumeValid = Hash256.Parse("000000128586e26813922680309f04e1de713c7542fee86ed908f56368aefe2e"), // 267665
        DnsSeeds =
        [
            "seed.signet.bitcoin.sprovoost.nl.",
            "seed.signet.achownodes.xyz.",
        ],
        SignetChallenge = DefaultSignetChallenge,
    };

    /// <summary>BIP325: the first 4 bytes of sha256d of the challenge serialized with its length prefix.</summary>
    public static byte[] SignetMessageStart(ReadOnlySpan<byte> challenge)
    {
        var serialized = new byte[CompactSize.EncodedLength((ulong)challenge.Length) + challenge.Length];
        int n = CompactSize.Write(serialized, (ulong)challenge.Length);
        challenge.CopyTo(serialized.AsSpan(n));
        return Sha256.DoubleHash(serialized).Bytes[..4].ToArray();
    }
}
