namespace Node.Hosting;

public enum StartupFailure
{
    /// <summary>Another process (or host) holds the data directory's .lock.</summary>
    DataDirLocked,
    /// <summary>The data directory cannot be created or written.</summary>
    DataDirNotWritable,
    /// <summary>debug.log cannot be opened.</summary>
    LogFileUnavailable,
    /// <summary>A P2P or RPC address cannot be listened on (in use, or not an address of this computer).</summary>
    BindFailed,
    /// <summary>A -loadblock file cannot be read.</summary>
    LoadBlockUnreadable,
}

/// <summary>The node could not start; the message is meant for the user as it stands.</summary>
public sealed class NodeStartupException(StartupFailure reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public StartupFailure Reason { get; } = reason;
}
