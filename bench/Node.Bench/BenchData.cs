namespace Node.Bench;

/// <summary>Finds ../shared/data beside the repository (benchmarks run from deep inside bin/).</summary>
internal static class BenchData
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
        }
        throw new FileNotFoundException("Node.sln not found above " + AppContext.BaseDirectory);
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
}
