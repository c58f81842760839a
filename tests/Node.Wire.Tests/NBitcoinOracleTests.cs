using System.Net;
using NBitcoin;
using NBitcoin.Protocol;
using Node.Primitives;

namespace Node.Wire.Tests;

/// <summary>NBitcoin, an independent implementation, must produce the same wire bytes for the same content.</summary>
public class NBitcoinOracleTests
{
    private static byte[] NBitcoinFrame(Payload payload, uint version = 70016)
    {
        var message = new Message { Magic = Network.Main.Magic, Payload = payload };
        using var ms = new MemoryStream();
        var stream = new BitcoinStream(ms, true) { ProtocolVersion = version, ConsensusFactory = Network.Main.Consensus.ConsensusFactory };
        message.ReadWrite(stream);
        return ms.ToArray();
    }

    private static NBitcoin.BlockHeader ToNBitcoin(Primitives.BlockHeader header)
    {
        var bytes = new byte[Primitives.BlockHeader.Size];
        header.Write(bytes);
        var nb = Network.Main.Consensus.ConsensusFactory.CreateBlockHeader();
        nb.ReadWrite(new BitcoinStream(bytes));
        return nb;
    }

    private static uint256 ToNBitcoin(Hash256 hash) => new(hash.Bytes);

    [Fact]
    public void Headers_of_2000_real_headers_serialize_identically_both_ways()
    {
        var headers = MessageCases.MainnetHeaders.Value[..ProtocolLimits.MaxHeaders];
        var payload = new HeadersPayload(headers.Select(ToNBitcoin).ToArray());
        var theirs = NBitcoinFrame(payload);
        Assert.Equal(theirs, Framed.Encode(new HeadersMessage(headers)));

        var decoded = new Primitives.BlockHeader[ProtocolLimits.MaxHeaders];
        Assert.Equal(2000, HeadersMessage.Decode(Framed.ReadOne(theirs).Payload, decoded));
        Assert.Equal(headers, decoded);
    }

    [Fact]
    public void Version_serializes_identically()
    {
        var ours = MessageCases.Version;
        var payload = new VersionPayload
        {
            Version = (uint)ours.Version,
            Services = (NodeServices)ours.Services,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(ours.Timestamp),
            AddressReceiver = new IPEndPoint(ours.Receiver.ToIPAddress(), ours.Receiver.Port),
            AddressFrom = new IPEndPoint(IPAddress.IPv6Any, 0),
            Nonce = ours.Nonce,
            UserAgent = ours.UserAgent,
            StartHeight = ours.StartHeight,
            Relay = ours.Relay,
        };
        var theirs = NBitcoinFrame(payload);
        // NBitcoin takes addr_recv as an IPEndPoint and writes its services as 0
        var mine = Framed.Encode(ours with { Receiver = ours.Receiver with { Services = 0 } });
        Assert.Equal(Convert.ToHexStringLower(theirs), Convert.ToHexStringLower(mine));
    }

    [Fact]
    public void Inventory_serializes_identically_for_every_type()
    {
        var items = MessageCases.Inventory();
        var payload = new InvPayload(items.Select(i => new NBitcoin.Protocol.InventoryVector((NBitcoin.Protocol.InventoryType)(uint)i.Type, ToNBitcoin(i.Hash))).ToArray());
        Assert.Equal(NBitcoinFrame(payload), Framed.Encode(new InventoryMessage(Command.Inv, items)));
    }

    [Fact]
    public void Getheaders_serializes_identically()
    {
        var locator = MessageCases.Locator(30);
        var stop = MessageCases.MainnetHeaders.Value[5000].GetHash();
        var payload = new GetHeadersPayload(new BlockLocator { Blocks = locator.Select(ToNBitcoin).ToList() })
        {
            HashStop = ToNBitcoin(stop),
        };
        Assert.Equal(NBitcoinFrame(payload), Framed.Encode(new LocatorMessage(Command.GetHeaders, 70016, locator, stop)));
    }

    [Fact]
    public void Ping_and_verack_serialize_identically()
    {
        Assert.Equal(NBitcoinFrame(new PingPayload { Nonce = 99 }), Framed.Encode(new PingMessage(99)));
        Assert.Equal(NBitcoinFrame(new VerAckPayload()), Framed.Encode(new EmptyMessage(Command.Verack)));
    }

    [Fact]
    public void Block_frame_of_a_real_block_is_identical()
    {
        var raw = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");
        var block = Network.Main.Consensus.ConsensusFactory.CreateBlock();
        block.ReadWrite(new BitcoinStream(raw));
        Assert.Equal(NBitcoinFrame(new BlockPayload(block)), Framed.EncodeRaw(Command.Block, raw));
    }
}
