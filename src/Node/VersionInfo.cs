using System.Reflection;

namespace Node;

public static class VersionInfo
{
    /// <summary>The assembly's informational version without the source-revision suffix.</summary>
    public static string Version { get; } = ReadVersion();

    public static string Line => $"sharpnode version v{Version}";

    private static string ReadVersion()
    {
        var info = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = info.IndexOf('+');
        return plus < 0 ? info : info[..plus];
    }
}
