using System.Security.Cryptography;
using System.Text;
using Node.Primitives;
using Node.Primitives.Hashing;

namespace Node.Primitives.Tests;

public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Known_vectors(string input, string expectedHex)
    {
        Span<byte> h = stackalloc byte[32];
        Sha256.Hash(Encoding.ASCII.GetBytes(input), h);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(h));
    }

    [Fact]
    public void Every_length_up_to_300_and_any_split_matches_the_platform()
    {
        var rnd = new Random(7);
        var data = new byte[300];
        rnd.NextBytes(data);
        Span<byte> ours = stackalloc byte[32];
        for (int len = 0; len <= data.Length; len++)
        {
            var expected = SHA256.HashData(data.AsSpan(0, len));
            Sha256.Hash(data.AsSpan(0, len), ours);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"length {len}");

            int cut = rnd.Next(len + 1);
            var hasher = Sha256Hasher.Create();
            hasher.Append(data.AsSpan(0, cut));
            hasher.Append(data.AsSpan(cut, len - cut));
            hasher.Finish(ours);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"length {len} split at {cut}");

            var dbl = SHA256.HashData(expected);
            Assert.True(dbl.AsSpan().SequenceEqual(Sha256.DoubleHash(data.AsSpan(0, len)).Bytes), $"double, length {len}");
        }
    }

    [Fact]
    public void Genesis_header_hash_displays_byte_reversed()
    {
        var raw = Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c");
        var header = BlockHeader.Read(raw);
        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", header.GetHash().ToString());
        Assert.Equal(Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"), BlockHeader.HashOf(raw));
    }

    [Fact]
    public void Incremental_double_hash_matches_one_shot()
    {
        var data = new byte[1000];
        new Random(8).NextBytes(data);
        var hasher = Sha256Hasher.Create();
        for (int pos = 0; pos < data.Length; pos += 37) hasher.Append(data.AsSpan(pos, Math.Min(37, data.Length - pos)));
        Assert.Equal(Sha256.DoubleHash(data), hasher.FinishDouble());
    }

    [Fact]
    public void Short_destinations_and_bad_pair_layouts_are_rejected()
    {
        var data = new byte[128];
        Assert.Throws<ArgumentException>(() => Sha256.Hash(data, new byte[31]));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHash(data, new byte[31]));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashPairs(data.AsSpan(0, 100), new byte[64]));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashPairs(data, new byte[63]));
        // Overlapping output that does not start where the input starts would read hashed bytes.
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashPairs(data.AsSpan(0, 64), data.AsSpan(32, 32)));
        Assert.Throws<ArgumentException>(() => Sha256.DoubleHashPairs(data.AsSpan(64, 64), data.AsSpan(48, 32)));
    }
}
