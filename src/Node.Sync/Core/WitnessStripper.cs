using System.Buffers;
using Node.Primitives;
using Node.Primitives.Blocks;

namespace Node.Sync.Core;

/// <summary>
/// A block's serialization without witness data (what Core sends for a plain MSG_BLOCK request): each
/// transaction's version, inputs and outputs, and lock time, copied from its parts without decoding further.
/// </summary>
internal static class WitnessStripper
{
    /// <summary>True when some transaction of the (already validated) block carries witness data.</summary>
    public static bool HasWitness(ReadOnlySpan<byte> block)
    {
        if (!BlockReader.TryOpen(block, out var reader, out _)) return false;
        while (reader.TryReadNext(out var tx, out _))
            if (tx.HasWitness) return true;
        return false;
    }

    public static void Strip(ReadOnlySpan<byte> block, IBufferWriter<byte> destination)
    {
        if (!BlockReader.TryOpen(block, out var reader, out var error))
            throw new InvalidOperationException($"a stored block does not decode: {error}");
        Write(destination, block[..reader.FirstTxOffset]); // header and transaction count
        while (reader.TryReadNext(out var tx, out error))
        {
            var raw = tx.Raw;
            if (!tx.HasWitness)
            {
                Write(destination, raw);
                continue;
            }
            Write(destination, raw[..4]);                   // version, then skip marker and flag
            Write(destination, raw[6..tx.WitnessOffset]);   // inputs and outputs
            Write(destination, raw[tx.LockTimeOffset..]);   // lock time
        }
        if (error != Node.Primitives.Transactions.TxDecodeError.None) throw new InvalidOperationException($"a stored block does not decode: {error}");
    }

    private static void Write(IBufferWriter<byte> destination, ReadOnlySpan<byte> part)
    {
        part.CopyTo(destination.GetSpan(part.Length));
        destination.Advance(part.Length);
    }
}
