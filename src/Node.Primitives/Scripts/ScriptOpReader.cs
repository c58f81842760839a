using System.Buffers.Binary;

namespace Node.Primitives.Scripts;

/// <summary>
/// Walks a script one operation at a time, exactly as Core's GetScriptOp: an opcode, and for the
/// push opcodes (0x01..OP_PUSHDATA4) the pushed bytes as a slice of the script. Nothing is copied.
/// </summary>
public ref struct ScriptOpReader
{
    private readonly ReadOnlySpan<byte> _script;
    private int _position;

    public ScriptOpReader(ReadOnlySpan<byte> script)
    {
        _script = script;
        _position = 0;
        Malformed = false;
    }

    /// <summary>Offset of the next operation.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// True once a push ran past the end of the script; Core's GetScriptOp fails there and every
    /// consumer stops (sigop counting keeps what it counted, the interpreter fails the script).
    /// </summary>
    public bool Malformed { get; private set; }

    /// <summary>Reads the next operation; false at the end of the script or on a truncated push.</summary>
    public bool TryReadNext(out byte opcode, out ReadOnlySpan<byte> pushData)
    {
        pushData = default;
        opcode = 0xff; // OP_INVALIDOPCODE, as Core leaves it on failure
        if (_position >= _script.Length) return false;
        byte op = _script[_position];
        int at = _position + 1;
        if (op <= Opcode.PushData4)
        {
            long size;
            var rest = _script[at..];
            switch (op)
            {
                case < Opcode.PushData1:
                    size = op;
                    break;
                case Opcode.PushData1:
                    if (rest.Length < 1) return Fail();
                    size = rest[0];
                    at += 1;
                    break;
                case Opcode.PushData2:
                    if (rest.Length < 2) return Fail();
                    size = BinaryPrimitives.ReadUInt16LittleEndian(rest);
                    at += 2;
                    break;
                default:
                    if (rest.Length < 4) return Fail();
                    size = BinaryPrimitives.ReadUInt32LittleEndian(rest);
                    at += 4;
                    break;
            }
            if (_script.Length - at < size) return Fail();
            pushData = _script.Slice(at, (int)size);
            at += (int)size;
        }
        _position = at;
        opcode = op;
        return true;
    }

    private bool Fail()
    {
        Malformed = true;
        _position = _script.Length;
        return false;
    }
}
