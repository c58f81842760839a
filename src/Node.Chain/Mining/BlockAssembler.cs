using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Hashing;

namespace Node.Chain.Mining;

/// <summary>
/// Turns a template and a body of transactions into a mined block the way Core's miner does:
/// the coinbase first (BIP34 height, reward = subsidy + fees, witness commitment once segwit is
/// active, as GenerateCoinbaseCommitment always adds it), merkle root, then the nonce ground
/// until the hash meets the target. Reuses its buffers: not thread-safe.
/// </summary>
public sealed class BlockAssembler(ChainParams chainParams)
{
    private byte[] _block = new byte[1 << 16];
    private byte[] _hashes = new byte[1 << 12];

    public ChainParams Params { get; } = chainParams;

    /// <summary>
    /// Assembles and mines the block. Its <see cref="AssembledBlock.Bytes"/> live in this assembler's
    /// buffer and are valid until the next call.
    /// </summary>
    /// <exception cref="BlockAssemblyException">The block would break a consensus rule named by its error.</exception>
    public AssembledBlock Assemble(BlockTemplate template, BlockBody body)
    {
        int height = template.Height;
        int txCount = body.Count + 1;
        long reward = BlockSubsidy.At(height, Params) + body.Fees;
        if (body.Fees > ConsensusConstants.MaxMoney || reward > ConsensusConstants.MaxMoney)
            throw new BlockAssemblyException(BlockAssemblyError.RewardOutOfRange, $"reward {reward} at height {height} is outside the money range");

        bool segwit = height >= Params.SegwitHeight;
        if (!segwit && body.HasWitness)
            throw new BlockAssemblyException(BlockAssemblyError.UnexpectedWitness, $"witness data at height {height}, before segwit");

        var hashes = Scratch(txCount);
        Hash256? commitment = null;
        if (segwit)
        {
            body.WTxIds.CopyTo(hashes[Hash256.Size..]);
            commitment = CoinbaseWriter.CommitmentFor(WitnessCommitment.ComputeWitnessRoot(hashes));
        }

        var payout = template.PayoutScript.Span;
        int countLength = CompactSize.EncodedLength((ulong)txCount);
        int coinbaseAt = BlockHeader.Size + countLength;
        EnsureBlockRoom(coinbaseAt + CoinbaseWriter.MaxSize(payout.Length) + body.Size);
        var block = _block.AsSpan();
        CompactSize.Write(block[BlockHeader.Size..], (ulong)txCount);
        int coinbaseLength = CoinbaseWriter.Write(block[coinbaseAt..], height, template.ExtraNonce, reward, payout, commitment, out var coinbaseTxId);
        int coinbaseStripped = commitment.HasValue ? coinbaseLength - 2 - (1 + 1 + 32) : coinbaseLength;
        long weight = (long)coinbaseAt * ConsensusConstants.WitnessScaleFactor + coinbaseStripped * 3L + coinbaseLength + body.Weight;
        if (weight > ConsensusConstants.MaxBlockWeight)
            throw new BlockAssemblyException(BlockAssemblyError.Overweight, $"block at height {height} would weigh {weight}");
        int length = coinbaseAt + coinbaseLength + body.Size;
        body.Bytes.CopyTo(block[(coinbaseAt + coinbaseLength)..]);

        coinbaseTxId.WriteTo(hashes);
        body.TxIds.CopyTo(hashes[Hash256.Size..]);
        var merkleRoot = Merkle.ComputeRoot(hashes, out bool mutated);
        if (mutated)
            throw new BlockAssemblyException(BlockAssemblyError.DuplicateTransaction, $"block at height {height} lists a transaction twice");

        var header = new BlockHeader(template.Version, template.Parent.Hash, merkleRoot, template.Time, template.Bits, 0);
        header.Write(block);
        if (!NonceGrinder.TryGrind(block[..BlockHeader.Size], out var hash))
            throw new BlockAssemblyException(BlockAssemblyError.NonceSpaceExhausted, $"no nonce meets bits {template.Bits:x8} at height {height}");
        return new AssembledBlock(BlockHeader.Read(block), hash, height, coinbaseTxId, _block.AsMemory(0, length));
    }

    /// <summary>
    /// Builds one block on demand (generateblock): a coinbase paying the subsidy to
    /// <paramref name="payoutScript"/>, then <paramref name="transactions"/> in the given order, at
    /// <paramref name="time"/> or one second past the parent's median time past if that is later.
    /// Like Core's generateblock the coinbase claims no fees of the given transactions (the
    /// assembler cannot see what they spend); to claim them, fill a <see cref="BlockBody"/> with
    /// each fee and call <see cref="Assemble"/>. The returned bytes are the caller's own.
    /// </summary>
    public AssembledBlock Build(in BlockParent parent, ReadOnlyMemory<byte> payoutScript, IEnumerable<ReadOnlyMemory<byte>> transactions, uint time,
        uint extraNonce = 0)
    {
        var body = new BlockBody();
        foreach (var tx in transactions) body.Add(tx.Span);
        var template = BlockTemplate.Create(Params, parent, payoutScript, time, extraNonce);
        var mined = Assemble(template, body);
        return mined with { Bytes = mined.Bytes.ToArray() };
    }

    private Span<byte> Scratch(int txCount)
    {
        int needed = txCount * Hash256.Size;
        if (_hashes.Length < needed) _hashes = new byte[Math.Max(needed, _hashes.Length * 2)];
        return _hashes.AsSpan(0, needed);
    }

    private void EnsureBlockRoom(int length)
    {
        if (_block.Length < length) _block = new byte[Math.Max(length, _block.Length * 2)];
    }
}
