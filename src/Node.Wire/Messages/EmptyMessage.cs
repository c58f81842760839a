namespace Node.Wire;

/// <summary>
/// A message whose payload is empty: verack, sendheaders, getaddr, mempool, sendaddrv2, wtxidrelay.
/// Core reads nothing from these, so any payload bytes a peer sends are ignored.
/// </summary>
public readonly record struct EmptyMessage : IMessagePayload
{
    public EmptyMessage(Command command)
    {
        if (!HasEmptyPayload(command)) throw new ArgumentException($"{command} has a payload", nameof(command));
        Command = command;
    }

    public Command Command { get; }

    public int PayloadSize => 0;

    public void WritePayload(Span<byte> destination) { }

    public static bool HasEmptyPayload(Command command) => command is Command.Verack or Command.SendHeaders
        or Command.GetAddr or Command.MemPool or Command.SendAddrV2 or Command.WtxidRelay;
}
