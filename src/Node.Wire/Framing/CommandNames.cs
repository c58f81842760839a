namespace Node.Wire;

/// <summary>The wire names of the commands, precomputed once.</summary>
public static class CommandNames
{
    public static CommandName Of(Command command) =>
        command == Command.Unknown
            ? throw new ArgumentException("Unknown has no wire name", nameof(command))
            : Known[(int)command];

    private static CommandName[] Build()
    {
        var names = new CommandName[(int)Command.MemPool + 1];
        foreach (var (command, text) in Texts) names[(int)command] = CommandName.FromAscii(text);
        return names;
    }

    private static readonly (Command, string)[] Texts =
    [
        (Command.Version, "version"),
        (Command.Verack, "verack"),
        (Command.Ping, "ping"),
        (Command.Pong, "pong"),
        (Command.GetHeaders, "getheaders"),
        (Command.GetBlocks, "getblocks"),
        (Command.Headers, "headers"),
        (Command.Inv, "inv"),
        (Command.GetData, "getdata"),
        (Command.NotFound, "notfound"),
        (Command.Block, "block"),
        (Command.Tx, "tx"),
        (Command.Reject, "reject"),
        (Command.SendHeaders, "sendheaders"),
        (Command.FeeFilter, "feefilter"),
        (Command.Addr, "addr"),
        (Command.AddrV2, "addrv2"),
        (Command.SendAddrV2, "sendaddrv2"),
        (Command.GetAddr, "getaddr"),
        (Command.WtxidRelay, "wtxidrelay"),
        (Command.SendCmpct, "sendcmpct"),
        (Command.MemPool, "mempool"),
    ];

    // Declared after Texts: static fields initialise in textual order.
    // Indexed by Command; entry 0 (Unknown) is the empty name and never matched.
    internal static readonly CommandName[] Known = Build();
}
