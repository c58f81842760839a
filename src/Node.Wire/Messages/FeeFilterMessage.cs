using System.Buffers;

namespace Node.Wire;

/// <summary>
/// feefilter (BIP133): the minimum fee rate in satoshis per 1000 virtual bytes. Core ignores values outside
/// MoneyRange; that is policy, left to the caller. Trailing bytes are ignored, as Core does.
/// </summary>
public readonly record struct FeeFilterMessage(long FeeRatePerKvB) : IMessagePayload
{
    public Command Command => Command.FeeFilter;
    public int PayloadSize => 8;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteInt64(FeeRatePerKvB);
        w.EnsureFull();
    }

    public static FeeFilterMessage Decode(in ReadOnlySequence<byte> payload) =>
        new(new PayloadReader(payload).ReadInt64("feefilter fee rate"));
}
