namespace Node.Options;

/// <summary>What the command line asks for.</summary>
public abstract record ParseOutcome;

/// <summary>Run the node with these options; the warnings are shown and logged at start-up.</summary>
public sealed record RunNode(NodeOptions Options, IReadOnlyList<string> Warnings) : ParseOutcome;

public sealed record ShowHelp(string Text) : ParseOutcome;

public sealed record ShowVersion(string Text) : ParseOutcome;

public sealed record ParseFailed(OptionsError Error) : ParseOutcome;
