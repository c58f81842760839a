namespace Node.Options;

/// <summary>
/// The default data directory, placed like Bitcoin Core's but named for this node so that the two
/// never share block files: ~/.sharpnode, ~/Library/Application Support/Sharpnode, %LOCALAPPDATA%\Sharpnode.
/// </summary>
public static class DataDirectories
{
    public static string Default()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Sharpnode");
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home)) home = "/";
        return OperatingSystem.IsMacOS()
            ? Path.Combine(home, "Library", "Application Support", "Sharpnode")
            : Path.Combine(home, ".sharpnode");
    }
}
