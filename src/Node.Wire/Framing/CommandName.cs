using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Node.Wire;

/// <summary>
/// The 12-byte, NUL-padded command field of a message header, held as two integers so that
/// recognising a command is two integer compares per candidate, with no string.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CommandName : IEquatable<CommandName>
{
    public const int Size = 12;

    private readonly ulong _lo;
    private readonly uint _hi;

    private CommandName(ulong lo, uint hi)
    {
        _lo = lo;
        _hi = hi;
    }

    /// <summary>The raw field; <paramref name="field"/> must hold at least 12 bytes.</summary>
    public static CommandName Read(ReadOnlySpan<byte> field) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(field), BinaryPrimitives.ReadUInt32LittleEndian(field[8..]));

    /// <summary>The field for an ASCII command of at most 12 characters.</summary>
    public static CommandName FromAscii(string command)
    {
        if (command.Length > Size) throw new ArgumentException("a command has at most 12 characters", nameof(command));
        Span<byte> field = stackalloc byte[Size];
        field.Clear();
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c is < ' ' or > '~') throw new ArgumentException("a command is printable ASCII", nameof(command));
            field[i] = (byte)c;
        }
        return Read(field);
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _lo);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], _hi);
    }

    /// <summary>
    /// Core's IsMessageTypeValid: printable ASCII (0x20..0x7E) up to the first NUL, and only NULs after it.
    /// </summary>
    public bool IsWellFormed
    {
        get
        {
            Span<byte> raw = stackalloc byte[Size];
            WriteTo(raw);
            int nul = raw.IndexOf((byte)0);
            ReadOnlySpan<byte> text = nul < 0 ? raw : raw[..nul];
            if (text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E)) return false;
            return nul < 0 || !raw[nul..].ContainsAnyExcept((byte)0);
        }
    }

    /// <summary>The command this name denotes, or <see cref="Command.Unknown"/>.</summary>
    public Command Recognize()
    {
        ReadOnlySpan<CommandName> known = CommandNames.Known;
        for (int i = 1; i < known.Length; i++)
        {
            if (known[i]._lo == _lo && known[i]._hi == _hi) return (Command)i;
        }
        return Command.Unknown;
    }

    /// <summary>The command text when well formed, else the 12 bytes in hex.</summary>
    public override string ToString()
    {
        Span<byte> field = stackalloc byte[Size];
        WriteTo(field);
        if (!IsWellFormed) return "0x" + Convert.ToHexStringLower(field);
        int nul = field.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(nul < 0 ? field : field[..nul]);
    }

    public bool Equals(CommandName other) => _lo == other._lo && _hi == other._hi;
    public override bool Equals(object? obj) => obj is CommandName other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_lo, _hi);
    public static bool operator ==(CommandName left, CommandName right) => left.Equals(right);
    public static bool operator !=(CommandName left, CommandName right) => !left.Equals(right);
}
