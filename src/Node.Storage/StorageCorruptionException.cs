namespace Node.Storage;

/// <summary>The store on disk is inconsistent in a way it cannot repair by itself.</summary>
public sealed class StorageCorruptionException(StorageError error, string message) : Exception(message)
{
    public StorageError Error { get; } = error;
}
