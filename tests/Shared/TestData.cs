using System.Buffers.Binary;

namespace Node.Tests;

/// <summary>Finds the real chain data in ../shared/data beside the repository.</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Dir => Root.Value;

    public static string PathOf(string relative) => Path.Combine(Dir, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Splits a file in blk framing (magic | length | block) into its raw blocks.</summary>
    public static List<byte[]> BlkRecords(string relative)
    {
        var all = Bytes(relative);
        var list = new List<byte[]>();
        int pos = 0;
        while (pos + 8 <= all.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(all.AsSpan(pos + 4));
            list.Add(all.AsSpan(pos + 8, len).ToArray());
            pos += 8 + len;
        }
        return list;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(data)) return data;
                throw new DirectoryNotFoundException($"real chain data expected at {data}");
            }
        }
        throw new DirectoryNotFoundException("Node.sln not found above " + AppContext.BaseDirectory);
    }
}
