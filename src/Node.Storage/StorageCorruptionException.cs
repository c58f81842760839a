namespace Node.Storage;

/// <summary>The store on disk cannot be used as it is: damaged beyond what it repairs by itself, of an unknown format, or another network's.</summary>
public sealed class StorageCorruptionException(StorageError error, string message) : Exception(message)
{
    public StorageError Error { get; } = error;
}
