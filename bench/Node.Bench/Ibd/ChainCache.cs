using System.Buffers.Binary;
using Node.Chain.Mining;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Bench.Ibd;

/// <summary>
/// The generated chain of an <see cref="IbdSettings"/> as a blk-framed file, and ready serving data directories
/// holding it (one per serving peer); each built once and reused by later runs with the same key.
/// </summary>
public sealed class ChainCache(IbdSettings settings)
{
    private const string CompleteMarker = "complete";

    public string Directory => Path.Combine(settings.CacheRoot, settings.ChainKey);

    public string BlkFile => Path.Combine(Directory, "blocks.blk");

    public string ServeDirectory(int peer) => Path.Combine(Directory, $"serve{peer}");

    /// <summary>Generates the chain file unless it is cached; returns the chain's byte count (framing excluded).</summary>
    public long EnsureBlkFile(TextWriter log)
    {
        if (!File.Exists(BlkFile))
        {
            System.IO.Directory.CreateDirectory(Directory);
            log.WriteLine($"generating {settings.Blocks} blocks ({(settings.CoinbaseOnly ? "coinbase-only" : $"{settings.BlockSize:N0} bytes")}) into {BlkFile}");
            var partial = BlkFile + ".partial";
            var generator = new RegtestChainGenerator(new ChainGeneratorOptions
            {
                Seed = settings.Seed,
                TargetBlockSize = settings.CoinbaseOnly ? 1000 : settings.BlockSize,
                CoinbaseOnly = settings.CoinbaseOnly,
            });
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                generator.WriteBlkFile(stream, settings.Blocks);
            File.Move(partial, BlkFile, overwrite: true);
        }
        return new FileInfo(BlkFile).Length - (long)settings.Blocks * BlkFileFormat.RecordHeaderSize;
    }

    /// <summary>Builds the serving data directories that are missing: the first by storing every block, the rest as copies.</summary>
    public void EnsureServeDirectories(int peers, TextWriter log)
    {
        for (int peer = 0; peer < peers; peer++)
        {
            var dir = ServeDirectory(peer);
            if (File.Exists(Path.Combine(dir, CompleteMarker))) continue;
            var partial = dir + ".partial";
            if (System.IO.Directory.Exists(partial)) System.IO.Directory.Delete(partial, recursive: true);
            if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
            var built = peer == 0 ? null : Enumerable.Range(0, peer).Select(ServeDirectory).FirstOrDefault(d => File.Exists(Path.Combine(d, CompleteMarker)));
            if (built is null)
            {
                log.WriteLine($"storing the chain into {dir}");
                Store(partial);
            }
            else
            {
                CopyDirectory(built, partial);
            }
            File.WriteAllText(Path.Combine(partial, CompleteMarker), "");
            System.IO.Directory.Move(partial, dir);
        }
    }

    /// <summary>The blocks of the chain file in order (height 1 first).</summary>
    public IEnumerable<byte[]> ReadBlocks()
    {
        using var stream = new FileStream(BlkFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var header = new byte[BlkFileFormat.RecordHeaderSize];
        while (stream.Position < stream.Length)
        {
            stream.ReadExactly(header);
            var block = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4))];
            stream.ReadExactly(block);
            yield return block;
        }
    }

    /// <summary>The hash of the chain's last block.</summary>
    public Hash256 TipHash() => BlockHeader.HashOf(ReadBlocks().Last().AsSpan(0, BlockHeader.Size));

    private void Store(string dir)
    {
        using var chain = ChainState.Open(dir, ChainParams.Regtest, new ChainStateOptions());
        foreach (var block in ReadBlocks())
        {
            var result = chain.ProcessBlock(block);
            if (result.IsInvalid || result.Status is BlockProcessStatus.Orphan or BlockProcessStatus.AlreadyHave)
                throw new InvalidOperationException("storing the cached chain: " + result);
        }
        chain.Flush();
        if (chain.TipHeight != settings.Blocks) throw new InvalidOperationException($"stored chain ends at {chain.TipHeight}, expected {settings.Blocks}");
    }

    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
