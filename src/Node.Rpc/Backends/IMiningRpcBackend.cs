using Node.Primitives;

namespace Node.Rpc.Backends;

/// <summary>
/// What the generating methods need from the block assembler. Failures Core reports with a code
/// (e.g. -25 "TestBlockValidity failed: ...") are thrown as <see cref="Protocol.RpcException"/>.
/// </summary>
public interface IMiningRpcBackend
{
    /// <summary>Mines and connects up to <paramref name="count"/> blocks paying <paramref name="scriptPubKey"/>, trying at most <paramref name="maxTries"/> nonces in all.</summary>
    IReadOnlyList<Hash256> GenerateToScript(int count, byte[] scriptPubKey, ulong maxTries);

    /// <summary>Mines one block paying <paramref name="scriptPubKey"/> with exactly these transactions; connects it when <paramref name="submit"/>.</summary>
    GeneratedBlock GenerateBlock(byte[] scriptPubKey, IReadOnlyList<byte[]> transactions, bool submit, ulong maxTries);
}

/// <summary>A mined block: its hash and serialized bytes.</summary>
public sealed record GeneratedBlock(Hash256 Hash, byte[] Block);
