using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Node.Primitives.Hashing;

/// <summary>
/// Incremental SHA-256 over pieces that are not contiguous (a segwit transaction's txid skips
/// its marker, flag and witnesses). Lives on the stack; no allocation.
/// </summary>
[SkipLocalsInit]
public struct Sha256Hasher
{
    private State _state;
    private Block _buffer;
    private ulong _length;

    [InlineArray(8)] private struct State { private uint _e; }
    [InlineArray(64)] private struct Block { private byte _e; }

    public static Sha256Hasher Create()
    {
        var h = new Sha256Hasher();
        Sha256.InitialState.CopyTo(h._state);
        return h;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        int used = (int)(_length & 63);
        _length += (ulong)data.Length;
        if (used != 0)
        {
            int take = Math.Min(64 - used, data.Length);
            data[..take].CopyTo(((Span<byte>)_buffer)[used..]);
            data = data[take..];
            if (used + take < 64) return;
            Sha256.Compress(_state, _buffer);
        }
        int whole = data.Length & ~63;
        if (whole > 0)
        {
            Sha256.Compress(_state, data[..whole]);
            data = data[whole..];
        }
        data.CopyTo(_buffer);
    }

    /// <summary>Writes SHA-256 of everything appended.</summary>
    public void Finish(Span<byte> hash32)
    {
        Span<byte> tail = stackalloc byte[128];
        int total = Sha256.PadFinal(((ReadOnlySpan<byte>)_buffer)[..(int)(_length & 63)], _length, tail);
        Sha256.Compress(_state, tail[..total]);
        Sha256.WriteDigest(_state, hash32);
    }

    /// <summary>SHA-256 of the SHA-256 of everything appended (Bitcoin's hash).</summary>
    public Hash256 FinishDouble()
    {
        Span<byte> digests = stackalloc byte[64];
        Finish(digests[..32]);
        Sha256.Hash(digests[..32], digests[32..]);
        return new Hash256(digests[32..]);
    }
}
