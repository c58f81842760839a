using Node.Chain.Mining;
using Node.Chain.State;
using Node.Primitives;
using Node.Rpc.Protocol;

namespace Node.Rpc.Backends;

/// <summary>
/// generatetoaddress and generateblock over the <see cref="BlockAssembler"/> and a <see cref="ChainState"/>
/// (under the same <paramref name="gate"/> as <see cref="ChainStateBlockchainBackend"/>). The
/// assembler mines at the pow limit of a network without retargeting, so only regtest can generate;
/// there it grinds until a nonce fits (about two tries), so maxtries never runs out.
/// </summary>
public sealed class ChainStateMiningBackend(ChainState chain, object gate, TimeProvider clock) : IMiningRpcBackend
{
    private readonly BlockAssembler _assembler = new(chain.Params);
    private uint _extraNonce;

    public IReadOnlyList<Hash256> GenerateToScript(int count, byte[] scriptPubKey, ulong maxTries)
    {
        var hashes = new List<Hash256>(Math.Max(count, 0));
        lock (gate)
        {
            RequireRegtest();
            for (int i = 0; i < count; i++)
            {
                var block = Build(scriptPubKey, []);
                var result = chain.ProcessBlock(block.Bytes.Span);
                if (result.Status != BlockProcessStatus.Connected) throw new RpcException(RpcErrorCode.InternalError, "ProcessNewBlock, block not accepted");
                hashes.Add(block.Hash);
            }
        }
        return hashes;
    }

    public GeneratedBlock GenerateBlock(byte[] scriptPubKey, IReadOnlyList<byte[]> transactions, bool submit, ulong maxTries)
    {
        lock (gate)
        {
            RequireRegtest();
            var block = Build(scriptPubKey, transactions);
            if (submit)
            {
                var result = chain.ProcessBlock(block.Bytes.Span);
                if (result.IsInvalid) throw new RpcException(RpcErrorCode.VerifyError, $"TestBlockValidity failed: {result.RejectReason}");
                if (result.Status != BlockProcessStatus.Connected) throw new RpcException(RpcErrorCode.InternalError, "ProcessNewBlock, block not accepted");
            }
            return new GeneratedBlock(block.Hash, block.Bytes.ToArray());
        }
    }

    private void RequireRegtest()
    {
        if (!chain.Params.PowNoRetargeting)
            throw new RpcException(RpcErrorCode.MiscError, $"Error: this node generates blocks on regtest only, not on {chain.Params.Name}");
    }

    /// <summary>A block on the tip; a fresh extra nonce keeps blocks built in the same second on the same parent distinct.</summary>
    private AssembledBlock Build(byte[] scriptPubKey, IReadOnlyList<byte[]> transactions)
    {
        chain.GetHeaderByHeight(chain.TipHeight, out var tipHeader, out var tipHash);
        var parent = new BlockParent(tipHash, chain.TipHeight, tipHeader.Time, chain.MedianTimePast(chain.TipId));
        uint now = (uint)clock.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            return _assembler.Build(parent, scriptPubKey, transactions.Select(t => (ReadOnlyMemory<byte>)t), now, _extraNonce++);
        }
        catch (BlockAssemblyException e)
        {
            throw new RpcException(RpcErrorCode.VerifyError, $"TestBlockValidity failed: {e.Message}");
        }
    }
}
