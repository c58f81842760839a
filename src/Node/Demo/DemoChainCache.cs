using Node.Chain.Mining;

namespace Node.Demo;

/// <summary>
/// The demo's regtest chain as a blk file, generated once per (blocks, block size) and reused: under
/// ~/.cache/sharpnode when the home directory is writable, else under the temp directory.
/// </summary>
public static class DemoChainCache
{
    public static string PathFor(DemoOptions options)
    {
        string name = $"demo-regtest-{options.Blocks}x{options.BlockSize}-seed1.blk";
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (string root in new[] { string.IsNullOrEmpty(home) ? "" : Path.Combine(home, ".cache", "sharpnode"), Path.Combine(Path.GetTempPath(), "sharpnode-cache") })
        {
            if (root.Length == 0) continue;
            try
            {
                Directory.CreateDirectory(root);
                return Path.Combine(root, name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        throw new IOException("no writable cache directory (home or temp)");
    }

    /// <summary>Returns the cached chain file, generating it first when missing (written aside, then renamed).</summary>
    public static string Ensure(DemoOptions options, TextWriter output)
    {
        string path = PathFor(options);
        if (File.Exists(path))
        {
            output.WriteLine($"Using the cached chain {path}");
            return path;
        }
        output.WriteLine($"Generating a regtest chain of {options.Blocks} blocks of {options.BlockSize:N0} bytes into {path} (once; cached for later runs)...");
        string partial = path + "." + Environment.ProcessId + ".partial";
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = options.BlockSize });
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            generator.WriteBlkFile(file, options.Blocks);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
