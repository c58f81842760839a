using System.Numerics;
using Node.Primitives;

namespace Node.Rpc.Tests;

/// <summary>Expected values computed independently of the code under test: NBitcoin and BigInteger arithmetic.</summary>
internal static class Oracle
{
    public static NBitcoin.Block Block(int height) => NBitcoin.Block.Load(RpcNode.Blocks.Value[height], NBitcoin.Network.Main);

    /// <summary>Sum over heights 0..height of 2^256 / (target + 1), as 64 hex digits.</summary>
    public static string ChainWork(int height)
    {
        BigInteger total = BigInteger.Zero;
        for (int h = 0; h <= height; h++)
        {
            uint bits = BlockHeader.Read(RpcNode.Blocks.Value[h]).Bits;
            var target = new BigInteger(bits & 0x007fffff) << (8 * ((int)(bits >> 24) - 3));
            total += (BigInteger.One << 256) / (target + 1);
        }
        return total.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];
    }

    /// <summary>The median of the last 11 block times up to <paramref name="height"/>.</summary>
    public static uint MedianTimePast(int height)
    {
        var times = Enumerable.Range(Math.Max(0, height - 10), Math.Min(11, height + 1)).Select(h => BlockHeader.Read(RpcNode.Blocks.Value[h]).Time).Order().ToArray();
        return times[times.Length / 2];
    }
}
