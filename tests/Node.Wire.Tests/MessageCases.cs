using System.Buffers;
using System.Net;
using Node.Primitives;
using Node.Tests;

namespace Node.Wire.Tests;

/// <summary>
/// One encoded frame per message kind, built from real chain data where there is some, with a check that
/// a payload decodes back to exactly the content encoded.
/// </summary>
internal sealed record MessageCase(string Name, Command Command, byte[] Frame, Action<ReadOnlySequence<byte>> AssertDecodes)
{
    public override string ToString() => Name;
}

internal static class MessageCases
{
    public static readonly Lazy<BlockHeader[]> MainnetHeaders = new(() =>
    {
        var raw = TestData.Bytes("headers/mainnet-0-10236.hdr");
        var headers = new BlockHeader[raw.Length / BlockHeader.Size];
        for (int i = 0; i < headers.Length; i++) headers[i] = BlockHeader.Read(raw.AsSpan(i * BlockHeader.Size));
        return headers;
    });

    public static readonly Lazy<byte[]> GenesisBlock = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk")[0]);

    public static IEnumerable<MessageCase> All => Cases.Value.Values;

    public static MessageCase Get(string name) => Cases.Value[name];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys) data.Add(name);
        return data;
    }

    public static readonly VersionMessage Version = new()
    {
        Version = 70016,
        Services = 0x409,
        Timestamp = 1_700_000_000,
        Receiver = NetworkAddress.From(IPAddress.Parse("203.0.113.7"), 8333, 0x409),
        Sender = NetworkAddress.From(IPAddress.IPv6Any, 0),
        Nonce = 0x1234_5678_9abc_def0,
        UserAgent = "/Satoshi:27.0.0/",
        StartHeight = 830_000,
        Relay = true,
    };

    public static readonly RejectMessage RejectTx = new("tx", RejectMessage.Invalid, "bad-txns-inputs-missingorspent",
        Hash256.Parse("bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08"));

    public static readonly RejectMessage RejectVersion = new("version", RejectMessage.Obsolete, "Version must be 70001 or greater", null);

    public static readonly AddrMessage Addr = new(
    [
        new TimedNetworkAddress(1_700_000_000, NetworkAddress.From(IPAddress.Parse("198.51.100.1"), 8333, 0x409)),
        new TimedNetworkAddress(1_700_000_100, NetworkAddress.From(IPAddress.Parse("2001:db8::1"), 18333, 1)),
        new TimedNetworkAddress(0, NetworkAddress.From(IPAddress.Loopback, 65535)),
    ]);

    public static readonly AddrV2Message AddrV2 = new(
    [
        new AddrV2Entry(1_700_000_000, 0x409, AddrV2Network.IPv4, new byte[] { 198, 51, 100, 2 }, 8333),
        new AddrV2Entry(1_700_000_001, 1, AddrV2Network.IPv6, Filled(16, 0x20), 8333),
        new AddrV2Entry(1_700_000_002, 0x0c09, AddrV2Network.TorV3, Filled(32, 0x33), 8333),
        new AddrV2Entry(1_700_000_003, ulong.MaxValue, AddrV2Network.I2P, Filled(32, 0x44), 0),
        new AddrV2Entry(1_700_000_004, 0, AddrV2Network.Cjdns, Filled(16, 0xfc), 8333),
        new AddrV2Entry(1_700_000_005, 0, AddrV2Network.TorV2, Filled(10, 0x55), 8333),
        new AddrV2Entry(1_700_000_006, 0, (AddrV2Network)42, Filled(7, 0x66), 1),
    ]);

    public static InventoryVector[] Inventory()
    {
        var h = MainnetHeaders.Value;
        return
        [
            new(InventoryType.Block, h[1].GetHash()),
            new(InventoryType.WitnessBlock, h[2].GetHash()),
            new(InventoryType.Tx, h[3].GetHash()),
            new(InventoryType.WitnessTx, h[4].GetHash()),
            new(InventoryType.Wtx, h[5].GetHash()),
            new(InventoryType.FilteredBlock, h[6].GetHash()),
            new(InventoryType.CompactBlock, h[7].GetHash()),
            new(InventoryType.FilteredWitnessBlock, h[8].GetHash()),
            new((InventoryType)0x7777, h[9].GetHash()),
        ];
    }

    public static Hash256[] Locator(int count) =>
        [.. Enumerable.Range(0, count).Select(i => MainnetHeaders.Value[1000 - i * 7].GetHash())];

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static readonly Lazy<Dictionary<string, MessageCase>> Cases = new(Build);

    private static Dictionary<string, MessageCase> Build()
    {
        var list = new List<MessageCase>
        {
            new("version", Command.Version, Framed.Encode(Version), p => Assert.Equal(Version, VersionMessage.Decode(p))),
            new("ping", Command.Ping, Framed.Encode(new PingMessage(0xfeed_beef_0000_0001)),
                p => Assert.Equal(0xfeed_beef_0000_0001, PingMessage.Decode(p).Nonce)),
            new("pong", Command.Pong, Framed.Encode(new PongMessage(42)), p => Assert.Equal(42ul, PongMessage.Decode(p).Nonce)),
            new("feefilter", Command.FeeFilter, Framed.Encode(new FeeFilterMessage(1_000)),
                p => Assert.Equal(1_000, FeeFilterMessage.Decode(p).FeeRatePerKvB)),
            new("sendcmpct", Command.SendCmpct, Framed.Encode(new SendCmpctMessage(true, 2)),
                p => Assert.Equal(new SendCmpctMessage(true, 2), SendCmpctMessage.Decode(p))),
            new("reject-tx", Command.Reject, Framed.Encode(RejectTx), p => Assert.Equal(RejectTx, RejectMessage.Decode(p))),
            new("reject-version", Command.Reject, Framed.Encode(RejectVersion), p => Assert.Equal(RejectVersion, RejectMessage.Decode(p))),
            new("addr", Command.Addr, Framed.Encode(Addr), p => Assert.Equal(Addr.Addresses, AddrMessage.Decode(p).Addresses)),
            new("addrv2", Command.AddrV2, Framed.Encode(AddrV2), p => Assert.Equal(AddrV2.Entries, AddrV2Message.Decode(p).Entries)),
            LocatorCase("getheaders", Command.GetHeaders, 12, Hash256.Zero),
            LocatorCase("getblocks", Command.GetBlocks, 3, MainnetHeaders.Value[2000].GetHash()),
            HeadersCase("headers", 3),
            HeadersCase("headers-empty", 0),
            new("block", Command.Block, Framed.EncodeRaw(Command.Block, GenesisBlock.Value),
                p => Assert.Equal(GenesisBlock.Value, new BlockMessage(p).Payload.ToArray())),
            new("tx", Command.Tx, Framed.EncodeRaw(Command.Tx, GenesisBlock.Value[81..]),
                p => Assert.Equal(GenesisBlock.Value[81..], new TxMessage(p).Payload.ToArray())),
        };
        foreach (var command in new[] { Command.Inv, Command.GetData, Command.NotFound })
            list.Add(InventoryCase(command));
        foreach (var command in new[] { Command.Verack, Command.SendHeaders, Command.GetAddr, Command.MemPool, Command.SendAddrV2, Command.WtxidRelay })
            list.Add(new(command.ToString().ToLowerInvariant(), command, Framed.Encode(new EmptyMessage(command)), p => Assert.Equal(0, p.Length)));
        return list.ToDictionary(c => c.Name);
    }

    private static MessageCase LocatorCase(string name, Command command, int count, Hash256 stop)
    {
        var locator = Locator(count);
        return new(name, command, Framed.Encode(new LocatorMessage(command, 70016, locator, stop)), p =>
        {
            Span<Hash256> buffer = stackalloc Hash256[ProtocolLimits.MaxLocator];
            var decoded = LocatorMessage.Decode(command, p, buffer);
            Assert.Equal(70016, decoded.Version);
            Assert.Equal(locator, decoded.Locator.ToArray());
            Assert.Equal(stop, decoded.HashStop);
        });
    }

    private static MessageCase HeadersCase(string name, int count)
    {
        var headers = MainnetHeaders.Value.AsSpan(100, count).ToArray();
        return new(name, Command.Headers, Framed.Encode(new HeadersMessage(headers)), p =>
        {
            var buffer = new BlockHeader[ProtocolLimits.MaxHeaders];
            int decoded = HeadersMessage.Decode(p, buffer);
            Assert.Equal(headers, buffer[..decoded]);
        });
    }

    private static MessageCase InventoryCase(Command command)
    {
        var items = Inventory();
        return new(command.ToString().ToLowerInvariant(), command, Framed.Encode(new InventoryMessage(command, items)), p =>
        {
            var buffer = new InventoryVector[InventoryMessage.ReadCount(p)];
            Assert.Equal(items.Length, InventoryMessage.Decode(p, buffer));
            Assert.Equal(items, buffer);
        });
    }
}
