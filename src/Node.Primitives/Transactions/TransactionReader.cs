using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Node.Primitives.Hashing;

namespace Node.Primitives.Transactions;

/// <summary>
/// A validated view of one serialized transaction: its layout is checked once by
/// <see cref="TryRead"/>, after which every part is a slice of the original bytes (no copy, no
/// allocation). Decoding follows Bitcoin Core's UnserializeTransaction with witnesses allowed.
/// </summary>
public readonly ref struct TransactionReader
{
    public const int MinInputSize = 41;   // prevout 36 + script length 1 + sequence 4
    public const int MinOutputSize = 9;   // value 8 + script length 1
    public const int MinSize = 10;        // version, empty input list, zero flag byte, lock time

    private readonly ReadOnlySpan<byte> _raw;
    private readonly int _inputsOffset;
    private readonly int _outputsOffset;
    private readonly int _witnessOffset;

    private TransactionReader(ReadOnlySpan<byte> raw, int inputsOffset, int outputsOffset, int witnessOffset,
        int inputCount, int outputCount, bool hasWitness)
    {
        _raw = raw;
        _inputsOffset = inputsOffset;
        _outputsOffset = outputsOffset;
        _witnessOffset = witnessOffset;
        InputCount = inputCount;
        OutputCount = outputCount;
        HasWitness = hasWitness;
    }

    /// <summary>The transaction's bytes, exactly (witness serialization when it has one).</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    public int Version => BinaryPrimitives.ReadInt32LittleEndian(_raw);
    public uint LockTime => BinaryPrimitives.ReadUInt32LittleEndian(_raw[^4..]);
    public int InputCount { get; }
    public int OutputCount { get; }

    /// <summary>True when serialized with the segwit marker and flag (so some witness stack is non-empty).</summary>
    public bool HasWitness { get; }

    public int TotalSize => _raw.Length;

    /// <summary>Size of the serialization without witness (marker, flag and stacks left out).</summary>
    public int StrippedSize => HasWitness ? _witnessOffset - 2 + 4 : _raw.Length;

    public int Weight => StrippedSize * 3 + TotalSize;

    public bool IsCoinbase
    {
        get
        {
            if (InputCount != 1) return false;
            var prevout = _raw.Slice(_inputsOffset + 1, 36);
            return BinaryPrimitives.ReadUInt32LittleEndian(prevout[32..]) == uint.MaxValue && !prevout[..32].ContainsAnyExcept((byte)0);
        }
    }

    /// <summary>Offset in <see cref="Raw"/> of the input count.</summary>
    public int InputsOffset => _inputsOffset;

    /// <summary>Offset in <see cref="Raw"/> of the output count.</summary>
    public int OutputsOffset => _outputsOffset;

    /// <summary>Offset in <see cref="Raw"/> of the first witness stack (the lock time when there is none).</summary>
    public int WitnessOffset => _witnessOffset;

    public int LockTimeOffset => _raw.Length - 4;

    public TxInputEnumerator Inputs => new(_raw[(_inputsOffset + CompactSize.EncodedLength((ulong)InputCount))..], InputCount);

    public TxOutputEnumerator Outputs => OutputCount == 0
        ? default
        : new(_raw[(_outputsOffset + CompactSize.EncodedLength((ulong)OutputCount))..], OutputCount);

    /// <summary>One stack per input when <see cref="HasWitness"/>, none otherwise.</summary>
    public WitnessEnumerator Witnesses => HasWitness ? new(_raw[_witnessOffset..], InputCount) : default;

    /// <summary>Double SHA-256 of the non-witness serialization, hashed in place from its pieces.</summary>
    public Hash256 ComputeTxId() => HasWitness ? Sha256.DoubleHashStrippedTx(_raw, _witnessOffset) : Sha256.DoubleHash(_raw);

    /// <summary>Double SHA-256 of the full serialization; equals the txid when there is no witness.</summary>
    public Hash256 ComputeWTxId() => Sha256.DoubleHash(_raw);

    /// <summary>Reads the transaction that starts <paramref name="data"/>; it may be followed by more bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out TransactionReader tx, out TxDecodeError error)
    {
        var none = new NoParts();
        return TryRead(data, ref none, out tx, out error);
    }

    /// <summary>
    /// <see cref="TryRead(ReadOnlySpan{byte}, out TransactionReader, out TxDecodeError)"/> that hands each input and
    /// output to <paramref name="parts"/> as its walk passes them.
    /// </summary>
    // Not inlined into its callers: there the JIT stopped inlining the walks below into it, and a lone read got slower.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool TryRead<TParts>(ReadOnlySpan<byte> data, scoped ref TParts parts, out TransactionReader tx, out TxDecodeError error)
        where TParts : struct, ITxPartVisitor
    {
        var cur = new WireCursor(data, 0);
        tx = default;
        if (!cur.Skip(4) || !cur.ReadCount(MinInputSize, out int inputCount)) return Failed(cur, out error);

        int inputsOffset = 4, outputsOffset, outputCount = 0;
        byte flags = 0;
        if (inputCount == 0)
        {
            // An empty input list here is either a real one or the segwit marker; the next byte decides.
            if (!cur.ReadByte(out flags)) return Failed(cur, out error);
            if (flags != 0)
            {
                inputsOffset = cur.Position;
                if (!cur.ReadCount(MinInputSize, out inputCount)) return Failed(cur, out error);
                if (inputCount != 0) parts.Inputs(inputCount);
                if (!SkipInputs(ref cur, data, inputCount, ref parts)) return Failed(cur, out error);
                outputsOffset = cur.Position;
                if (!cur.ReadCount(MinOutputSize, out outputCount) || !SkipOutputs(ref cur, data, outputCount, ref parts)) return Failed(cur, out error);
            }
            else
            {
                outputsOffset = 5; // Core reads no output list here; the zero flag byte doubles as an empty one
            }
        }
        else
        {
            parts.Inputs(inputCount);
            if (!SkipInputs(ref cur, data, inputCount, ref parts)) return Failed(cur, out error);
            outputsOffset = cur.Position;
            if (!cur.ReadCount(MinOutputSize, out outputCount) || !SkipOutputs(ref cur, data, outputCount, ref parts)) return Failed(cur, out error);
        }

        int witnessOffset = cur.Position;
        bool hasWitness = false;
        if ((flags & 1) != 0)
        {
            flags ^= 1;
            if (!SkipWitnesses(ref cur, data, inputCount, out hasWitness)) return Failed(cur, out error);
            if (!hasWitness) { error = TxDecodeError.SuperfluousWitnessRecord; return false; }
        }
        if (flags != 0) { error = TxDecodeError.UnknownOptionalData; return false; }
        if (!cur.Skip(4)) return Failed(cur, out error);

        tx = new TransactionReader(data[..cur.Position], inputsOffset, outputsOffset, witnessOffset, inputCount, outputCount, hasWitness);
        error = TxDecodeError.None;
        return true;
    }

    /// <summary>Like <see cref="TryRead"/>, but the transaction must fill <paramref name="data"/> exactly.</summary>
    public static bool TryReadExact(ReadOnlySpan<byte> data, out TransactionReader tx, out TxDecodeError error)
    {
        if (!TryRead(data, out tx, out error)) return false;
        if (tx.TotalSize == data.Length) return true;
        tx = default;
        error = TxDecodeError.TrailingBytes;
        return false;
    }

    /// <summary>Reads a transaction that fills <paramref name="data"/> exactly, or throws <see cref="TxDecodeException"/>.</summary>
    public static TransactionReader Read(ReadOnlySpan<byte> data) =>
        TryReadExact(data, out var tx, out var error) ? tx : throw new TxDecodeException(error);

    // The three walks below keep the position in a local (not the cursor) so the loops stay in registers.
    private static bool SkipInputs<TParts>(ref WireCursor cur, ReadOnlySpan<byte> data, int count, ref TParts parts)
        where TParts : struct, ITxPartVisitor
    {
        int p = cur.Position;
        for (int i = 0; i < count; i++)
        {
            int start = p;
            p += 36;
            if ((uint)p >= (uint)data.Length) return cur.Fail(TxDecodeError.Truncated);
            int length = data[p];
            if (length < 0xfd) p++;
            else if ((length = ReadLongLength(ref cur, data, p)) >= 0) p += CompactSize.EncodedLength((ulong)length);
            else return false;
            if (length > data.Length - p - 4) return cur.Fail(TxDecodeError.Truncated);
            parts.Input(data, start, p, length);
            p += length + 4;
        }
        cur.Position = p;
        return true;
    }

    private static bool SkipOutputs<TParts>(ref WireCursor cur, ReadOnlySpan<byte> data, int count, ref TParts parts)
        where TParts : struct, ITxPartVisitor
    {
        int p = cur.Position;
        for (int i = 0; i < count; i++)
        {
            int start = p;
            p += 8;
            if ((uint)p >= (uint)data.Length) return cur.Fail(TxDecodeError.Truncated);
            int length = data[p];
            if (length < 0xfd) p++;
            else if ((length = ReadLongLength(ref cur, data, p)) >= 0) p += CompactSize.EncodedLength((ulong)length);
            else return false;
            if (length > data.Length - p) return cur.Fail(TxDecodeError.Truncated);
            parts.Output(data, start, p, length);
            p += length;
        }
        cur.Position = p;
        return true;
    }

    /// <summary>Skips one witness stack per input; reports whether any stack has items.</summary>
    private static bool SkipWitnesses(ref WireCursor cur, ReadOnlySpan<byte> data, int inputCount, out bool anyItems)
    {
        anyItems = false;
        bool any = false;
        int p = cur.Position;
        for (int i = 0; i < inputCount; i++)
        {
            if ((uint)p >= (uint)data.Length) return cur.Fail(TxDecodeError.Truncated);
            int items = data[p];
            if (items < 0xfd) p++;
            else if ((items = ReadLongLength(ref cur, data, p)) >= 0) p += CompactSize.EncodedLength((ulong)items);
            else return false;
            if (items > data.Length - p) return cur.Fail(TxDecodeError.Truncated);
            any |= items != 0;
            for (int j = 0; j < items; j++)
            {
                if ((uint)p >= (uint)data.Length) return cur.Fail(TxDecodeError.Truncated);
                int length = data[p];
                if (length < 0xfd) p++;
                else if ((length = ReadLongLength(ref cur, data, p)) >= 0) p += CompactSize.EncodedLength((ulong)length);
                else return false;
                if (length > data.Length - p) return cur.Fail(TxDecodeError.Truncated);
                p += length;
            }
        }
        cur.Position = p;
        anyItems = any;
        return true;
    }

    /// <summary>A length or count in the 3-, 5- or 9-byte form at <paramref name="p"/>, or -1 with the cursor's error set.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadLongLength(ref WireCursor cur, ReadOnlySpan<byte> data, int p)
    {
        cur.Position = p;
        return cur.ReadCount(1, out int length) ? length : -1;
    }

    /// <summary>The visitor of a read that wants no parts.</summary>
    internal struct NoParts : ITxPartVisitor
    {
        public readonly void Inputs(int count) { }
        public readonly void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }
        public readonly void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }
    }

    private static bool Failed(in WireCursor cur, out TxDecodeError error)
    {
        error = cur.Error;
        return false;
    }
}
