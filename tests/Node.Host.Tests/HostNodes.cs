using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Node.Demo;

namespace Node.Host.Tests;

/// <summary>
/// Real sharpnode processes (the build beside the tests) on regtest over 127.0.0.1, each on a data
/// directory under one temp root that goes with this object.
/// </summary>
public sealed partial class HostNodes : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly List<NodeProcess> _nodes = [];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sharpnode-host-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>dotnet with the sharpnode.dll built beside the tests.</summary>
    public static ProcessStartInfo Executable()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "sharpnode.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the sharpnode build is expected beside the tests", dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(dll);
        return start;
    }

    /// <summary>The cached generated chain (as the demo makes it) of <paramref name="blocks"/> blocks of about <paramref name="blockSize"/> bytes.</summary>
    public static string Chain(int blocks, int blockSize) =>
        DemoChainCache.Ensure(new DemoOptions { Blocks = blocks, BlockSize = blockSize }, TextWriter.Null);

    /// <summary>The blocks of a blk file, in file order.</summary>
    public static List<byte[]> ReadBlocks(string blkFile)
    {
        var bytes = File.ReadAllBytes(blkFile);
        var blocks = new List<byte[]>();
        for (int at = 0; at + 8 <= bytes.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            blocks.Add(bytes.AsSpan(at + 8, length).ToArray());
            at += 8 + length;
        }
        return blocks;
    }

    public NodeProcess Start(string name, params string[] args)
    {
        var node = NodeProcess.Start(Executable(), name, Path.Combine(Root, name), args);
        _nodes.Add(node);
        return node;
    }

    /// <summary>A node serving <paramref name="chainFile"/> (imported with -loadblock) on <paramref name="port"/>; returns once its RPC answers.</summary>
    public async Task<NodeProcess> StartServerAsync(string name, string chainFile, int port)
    {
        var node = Start(name, $"-loadblock={chainFile}", "-listen", "-bind=127.0.0.1", $"-port={port}", "-whitelist=download@127.0.0.1");
        await node.WaitForRpcAsync(Patience);
        return node;
    }

    /// <summary>Waits until <paramref name="node"/>'s block count reaches <paramref name="height"/>.</summary>
    public static async Task WaitForHeightAsync(NodeProcess node, int height, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await node.BlockCountAsync() < height)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{node.Name} did not reach height {height}:\n{node.Tail()}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Waits until a line of <paramref name="node"/>'s debug.log contains <paramref name="text"/>; returns that line.</summary>
    public static async Task<string> WaitForLogAsync(NodeProcess node, string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using (var stream = new FileStream(node.DebugLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream))
            {
                while (await reader.ReadLineAsync() is { } line)
                    if (line.Contains(text, StringComparison.Ordinal)) return line;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{node.Name} never logged '{text}':\n{node.Tail()}");
            await Task.Delay(200);
        }
    }

    public static void Signal(NodeProcess node, int signal)
    {
        if (Kill(node.Id, signal) != 0) Assert.Fail($"kill({node.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public const int SIGTERM = 15;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
