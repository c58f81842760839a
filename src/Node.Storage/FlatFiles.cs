using System.Buffers.Binary;
using System.Globalization;

namespace Node.Storage;

/// <summary>Names and record framing of the flat block files, as in Bitcoin Core.</summary>
internal static class FlatFiles
{
    /// <summary>magic (4) | block length (u32 LE) before every block.</summary>
    public const int RecordPrefixSize = 8;

    public static string PathOf(string directory, int file) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"blk{file:D5}.dat"));

    /// <summary>File numbers of the blkNNNNN.dat files present in the directory.</summary>
    public static IEnumerable<int> Existing(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "blk*.dat"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == 8 && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int file))
                yield return file;
        }
    }

    /// <summary>The magic is the uint read little-endian from the network's four start bytes (mainnet 0xD9B4BEF9 = f9 be b4 d9).</summary>
    public static void WritePrefix(Span<byte> prefix, uint magic, int blockLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[4..], (uint)blockLength);
    }
}
