using System.Buffers.Binary;

namespace Node.Primitives.Consensus;

/// <summary>
/// Everything that differs between networks: identity, proof-of-work rules, soft-fork heights,
/// checkpoints and sync hints. The values follow Bitcoin Core's kernel/chainparams.cpp.
/// </summary>
public sealed partial record ChainParams
{
    /// <summary>Core's network name: main, test, testnet4, signet or regtest.</summary>
    public required string Name { get; init; }
    public required ChainType Type { get; init; }

    /// <summary>The 4 message-start bytes that open every P2P message and blk-file record.</summary>
    public required ReadOnlyMemory<byte> MessageStart { get; init; }

    /// <summary>The message start read as a little-endian uint, for one-compare framing checks.</summary>
    public uint Magic => BinaryPrimitives.ReadUInt32LittleEndian(MessageStart.Span);

    public required int DefaultPort { get; init; }

    /// <summary>The serialized genesis block (header, one transaction).</summary>
    public required ReadOnlyMemory<byte> GenesisBlockBytes { get; init; }
    public BlockHeader GenesisHeader => BlockHeader.Read(GenesisBlockBytes.Span);
    public required Hash256 GenesisHash { get; init; }

    // Proof of work.
    public required UInt256 PowLimit { get; init; }

    /// <summary>The pow limit in compact form: the bits of a minimum-difficulty block.</summary>
    public uint PowLimitBits => PowLimit.ToCompact();
    public long PowTargetTimespan { get; init; } = 14 * 24 * 60 * 60;
    public long PowTargetSpacing { get; init; } = 10 * 60;

    /// <summary>Blocks per difficulty period: 2016 (regtest 144).</summary>
    public int DifficultyAdjustmentInterval => (int)(PowTargetTimespan / PowTargetSpacing);

    /// <summary>Testnets: a block more than twice the spacing after its parent may use the pow limit.</summary>
    public required bool PowAllowMinDifficultyBlocks { get; init; }
    public required bool PowNoRetargeting { get; init; }

    /// <summary>BIP94 (testnet4): retarget from the period's first block's bits, and the timewarp rule.</summary>
    public required bool EnforceBip94 { get; init; }

    // Buried soft forks: the first height at which each rule applies.
    public required int Bip34Height { get; init; }
    public Hash256 Bip34Hash { get; init; }
    public required int Bip65Height { get; init; }
    public required int Bip66Height { get; init; }
    public required int CsvHeight { get; init; }
    public required int SegwitHeight { get; init; }

    /// <summary>
    /// The height taproot became active, or null where Core decides it by BIP9 signalling
    /// (testnet3), which this node does not model yet.
    /// </summary>
    public required int? TaprootHeight { get; init; }

    public int SubsidyHalvingInterval { get; init; } = 210_000;

    /// <summary>Ordered by height.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; init; } = [];
    public Checkpoint? LastCheckpoint => Checkpoints.Count == 0 ? null : Checkpoints[^1];

    /// <summary>A chain with less total work than this is not worth syncing blocks for.</summary>
    public required UInt256 MinimumChainWork { get; init; }

    /// <summary>Scripts of ancestors of this block are assumed valid; zero for none.</summary>
    public required Hash256 DefaultAssumeValid { get; init; }

    public IReadOnlyList<string> DnsSeeds { get; init; } = [];

    /// <summary>Core's fixed seeds (IPv4/IPv6 only), tried when DNS seeding gives no address; see <see cref="Consensus.FixedSeeds"/>.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> FixedSeeds { get; init; } = [];

    /// <summary>Signet: blocks carry a signature satisfying this challenge script (BIP325).</summary>
    public ReadOnlyMemory<byte> SignetChallenge { get; init; }
    public bool SignetBlocks => !SignetChallenge.IsEmpty;

    public override string ToString() => Name;

    /// <summary>The parameters for one of Core's network names (main, test, testnet4, signet, regtest).</summary>
    public static ChainParams FromName(string name) =>
        TryFromName(name, out var p) ? p
        : throw new ArgumentException($"unknown network '{name}': expected one of {string.Join(", ", All.Select(n => n.Name))}", nameof(name));

    public static bool TryFromName(string name, out ChainParams chainParams)
    {
        foreach (var p in All)
        {
            if (p.Name == name)
            {
                chainParams = p;
                return true;
            }
        }
        chainParams = null!;
        return false;
    }

    public static IReadOnlyList<ChainParams> All => [Main, Testnet3, Testnet4, Signet, Regtest];
}
