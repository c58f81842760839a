using System.Buffers;
using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// inv, getdata and notfound: at most MAX_INV_SZ (50,000) inventory vectors. Core treats a longer
/// inv/getdata as misbehaviour (and silently ignores a notfound longer than its tracking limit, which
/// is a peer-layer decision). Trailing bytes are ignored, as Core does.
/// </summary>
public readonly ref struct InventoryMessage : IMessagePayload
{
    public InventoryMessage(Command command, ReadOnlySpan<InventoryVector> items)
    {
        if (!IsInventoryCommand(command))
            throw new ArgumentException("an inventory message is inv, getdata or notfound", nameof(command));
        if (items.Length > ProtocolLimits.MaxInventory)
            throw new ArgumentException($"an inventory message has at most {ProtocolLimits.MaxInventory} entries", nameof(items));
        Command = command;
        Items = items;
    }

    public Command Command { get; }
    public ReadOnlySpan<InventoryVector> Items { get; }

    public int PayloadSize => CompactSize.EncodedLength((ulong)Items.Length) + Items.Length * InventoryVector.Size;

    public static bool IsInventoryCommand(Command command) => command is Command.Inv or Command.GetData or Command.NotFound;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteCompactSize((ulong)Items.Length);
        foreach (ref readonly var item in Items)
        {
            w.WriteUInt32((uint)item.Type);
            w.WriteHash(item.Hash);
        }
        w.EnsureFull();
    }

    /// <summary>The validated entry count, for sizing the buffer passed to <see cref="Decode"/>.</summary>
    public static int ReadCount(in ReadOnlySequence<byte> payload)
    {
        var r = new PayloadReader(payload);
        return ReadCount(ref r);
    }

    /// <summary>Decodes the entries into <paramref name="destination"/> and returns their count. Allocates nothing.</summary>
    public static int Decode(in ReadOnlySequence<byte> payload, Span<InventoryVector> destination)
    {
        var r = new PayloadReader(payload);
        int count = ReadCount(ref r);
        if (destination.Length < count) throw new ArgumentException("inventory buffer too small", nameof(destination));
        for (int i = 0; i < count; i++)
        {
            var span = r.UnreadSpan;
            if (span.Length >= InventoryVector.Size)
            {
                destination[i] = new InventoryVector((InventoryType)BinaryPrimitives.ReadUInt32LittleEndian(span), new Hash256(span[4..]));
                r.Advance(InventoryVector.Size);
            }
            else
            {
                var type = (InventoryType)r.ReadUInt32("inventory type");
                destination[i] = new InventoryVector(type, r.ReadHash("inventory hash"));
            }
        }
        return count;
    }

    private static int ReadCount(ref PayloadReader r) =>
        r.ReadCount("inventory", ProtocolLimits.MaxInventory, "MAX_INV_SZ", InventoryVector.Size);
}
