using System.Buffers.Binary;

namespace Node.Tests;

/// <summary>Finds the real chain data in ../shared/data beside the repository.</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Dir => Root.Value;

    public static string PathOf(string relative) => Path.Combine(Dir, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Every file of real blocks in the data: blk-framed files and single raw blocks.</summary>
    public static readonly string[] BlockFiles =
    [
        "blocks/mainnet-0-438.blk",
        "blocks/btcd-277647.blk",
        "blocks/btcd-blk_0_to_4.blk",
        "blocks/btcd-blk_3A.blk",
        "blocks/btcd-blk_4A.blk",
        "blocks/btcd-blk_5A.blk",
        "blocks/mainnet-367891.raw",
        "blocks/mainnet-413567.raw",
        "blocks/mainnet-540107.raw",
        "blocks/mainnet-574200.raw",
    ];

    /// <summary>The raw blocks in a file: every record of a blk-framed file, or the one raw block.</summary>
    public static List<byte[]> Blocks(string relative) =>
        relative.EndsWith(".blk", StringComparison.Ordinal) ? BlkRecords(relative) : [Bytes(relative)];

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
