namespace Node.Wire;

/// <summary>Bytes from a peer broke a wire rule; <see cref="Error"/> names the rule.</summary>
public sealed class WireException : Exception
{
    public WireException(WireError error, string message, long limit = 0) : base(message)
    {
        Error = error;
        Limit = limit;
    }

    public WireError Error { get; }

    /// <summary>The protocol limit that was exceeded, for the errors that have one; otherwise 0.</summary>
    public long Limit { get; }
}
