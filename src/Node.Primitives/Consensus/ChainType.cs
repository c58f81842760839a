namespace Node.Primitives.Consensus;

/// <summary>The networks the node knows, as Bitcoin Core's ChainType.</summary>
public enum ChainType
{
    Main,
    Testnet3,
    Testnet4,
    Signet,
    Regtest,
}
