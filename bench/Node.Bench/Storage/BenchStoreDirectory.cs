namespace Node.Bench.Storage;

/// <summary>A temp data directory for a benchmark's store, deleted on dispose.</summary>
internal sealed class BenchStoreDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sharpnode-storage-bench-" + Guid.NewGuid().ToString("N"));

    public BenchStoreDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
