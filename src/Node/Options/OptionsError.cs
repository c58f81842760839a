namespace Node.Options;

/// <summary>Why the command line or the config file was rejected.</summary>
public enum OptionsErrorCode
{
    /// <summary>An option the node does not know (Core: "Invalid parameter -foo").</summary>
    InvalidParameter,
    /// <summary>A command-line word that is not an option.</summary>
    UnexpectedToken,
    /// <summary><c>-noname</c> for an option whose negation means nothing.</summary>
    NegationForbidden,
    /// <summary>A value of the wrong form: a non-number, a bad boolean, an unknown category.</summary>
    InvalidValue,
    InvalidPort,
    InvalidAddress,
    InvalidHash,
    InvalidHex,
    UnknownChain,
    /// <summary>More than one of -chain, -regtest, -signet, -testnet, -testnet4.</summary>
    ChainConflict,
    /// <summary>An option given where it cannot be (-includeconf on the command line, conf= in a config file).</summary>
    NotAllowedHere,
    DataDirMissing,
    ConfigFileUnreadable,
    ConfigFileSyntax,
    /// <summary>A network-only option at the top of the config file on a network other than main.</summary>
    NetworkSectionOnly,
    /// <summary>Options that contradict each other, e.g. -bind with -listen=0.</summary>
    Conflict,
}

public sealed record OptionsError(OptionsErrorCode Code, string Message);

/// <summary>Carries an <see cref="OptionsError"/> out of the parser's depths to <see cref="OptionsParser.Parse"/>.</summary>
public sealed class OptionsException(OptionsErrorCode code, string message) : Exception(message)
{
    public OptionsError Error { get; } = new(code, message);
}
