using System.Buffers.Binary;
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
        int used = (int)(_length & 63);
        Span<byte> tail = stackalloc byte[128];
        ((ReadOnlySpan<byte>)_buffer)[..used].CopyTo(tail);
        tail[used] = 0x80;
        int total = used + 9 <= 64 ? 64 : 128;
        tail[(used + 1)..total].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(tail[(total - 8)..], _length * 8);
        Sha256.Compress(_state, tail[..total]);
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(hash32[(i * 4)..], _state[i]);
    }

    /// <summary>SHA-256 of the SHA-256 of everything appended (Bitcoin's hash).</summary>
    public Hash256 FinishDouble()
    {
        Span<byte> first = stackalloc byte[32];
        Finish(first);
        return Sha256.DoubleHashSecondRound(first);
    }
}
