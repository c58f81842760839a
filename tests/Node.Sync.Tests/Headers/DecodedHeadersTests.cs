using System.Buffers;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Core;
using Node.Wire;

namespace Node.Sync.Tests.Headers;

/// <summary>A headers message decoded as the peer's task does it: real mainnet headers, their hashes, the first bad proof of work.</summary>
public sealed class DecodedHeadersTests
{
    private static readonly HeaderValidator Pow = new(ChainParams.Main);

    private static ReadOnlySequence<byte> Message(BlockHeader[] headers)
    {
        var message = new HeadersMessage(headers);
        var payload = new byte[message.PayloadSize];
        message.WritePayload(payload);
        return new ReadOnlySequence<byte>(payload);
    }

    private static BlockHeader[] Mainnet(int from, int count) => [.. Enumerable.Range(from, count).Select(MainnetHeaders.Header)];

    [Fact]
    public void A_message_of_2_000_real_headers_decodes_with_each_hash_and_valid_proof_of_work()
    {
        var decoded = new DecodedHeaders();
        decoded.Decode(Message(Mainnet(1, 2_000)), Pow);
        Assert.Equal(2_000, decoded.Count);
        for (int i = 0; i < 2_000; i++)
        {
            Assert.Equal(MainnetHeaders.Header(1 + i), decoded.Headers[i]);
            Assert.Equal(MainnetHeaders.Hash(1 + i), decoded.Hashes[i]);
        }
        Assert.True(decoded.ProofOfWork.IsValid);
    }

    [Fact]
    public void The_first_header_missing_its_target_is_named_and_a_later_message_starts_afresh()
    {
        var headers = Mainnet(1, 10);
        headers[4] = headers[4] with { Nonce = headers[4].Nonce ^ 1 };
        headers[7] = headers[7] with { Nonce = headers[7].Nonce ^ 1 };
        var decoded = new DecodedHeaders();
        decoded.Decode(Message(headers), Pow);
        Assert.Equal(RuleError.HighHash, decoded.ProofOfWork.Error);
        Assert.Equal(headers[4].GetHash(), decoded.ProofOfWork.Hash);
        Assert.Equal(headers[9].GetHash(), decoded.Hashes[9]); // every header is still hashed

        decoded.Decode(Message(Mainnet(20, 3)), Pow);
        Assert.Equal(3, decoded.Count);
        Assert.True(decoded.ProofOfWork.IsValid);
        Assert.Equal(MainnetHeaders.Hash(22), decoded.Hashes[2]);
    }

    [Fact]
    public void An_empty_message_decodes_to_nothing_with_nothing_to_punish()
    {
        var decoded = new DecodedHeaders();
        decoded.Decode(Message([]), Pow);
        Assert.Equal(0, decoded.Count);
        Assert.True(decoded.ProofOfWork.IsValid);
    }
}
