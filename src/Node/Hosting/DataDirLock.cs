namespace Node.Hosting;

/// <summary>
/// Core's <c>.lock</c>: an exclusive lock on a file in the network data directory, held for the
/// node's lifetime, so that two nodes never share one data directory. .NET takes an advisory
/// flock for FileShare.None on Unix and a sharing lock on Windows; both end with the process.
/// </summary>
public sealed class DataDirLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _file;

    private DataDirLock(FileStream file) => _file = file;

    public static DataDirLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            return new DataDirLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new NodeStartupException(StartupFailure.DataDirNotWritable, $"Cannot write to directory '{directory}'; check permissions.", e);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new NodeStartupException(StartupFailure.DataDirLocked,
                $"Cannot obtain a lock on directory {directory}. sharpnode is probably already running.", e);
        }
        catch (IOException e)
        {
            throw new NodeStartupException(StartupFailure.DataDirNotWritable, $"Cannot write to directory '{directory}'; check permissions.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
