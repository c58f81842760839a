using Node.Primitives;

namespace Node.Wire.Tests;

public class MalformedPayloadTests
{
    public static TheoryData<string> Names => MessageCases.Names();

    // The version message may end after addr_recv, after the nonce, after the user agent or after the start height.
    private static readonly int[] VersionLengths = [46, 80, 80 + 1 + 16, 80 + 1 + 16 + 4];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_truncation_is_Truncated_or_a_valid_shorter_message(string name)
    {
        var c = MessageCases.Get(name);
        if (c.Command is Command.Block or Command.Tx || EmptyMessage.HasEmptyPayload(c.Command)) return; // opaque or empty
        var payload = Decode.PayloadOf(name);
        for (int length = 0; length < payload.Length; length++)
        {
            if (c.Command == Command.Version && VersionLengths.Contains(length))
            {
                Assert.Equal(WireError.None, Decode.Payload(c.Command, payload[..length]));
                continue;
            }
            var e = Decode.Fails(c.Command, payload[..length]);
            Assert.True(e.Error == WireError.Truncated, $"{name} cut at {length}: {e.Error} {e.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Trailing_bytes_are_ignored_as_Core_does(string name)
    {
        var c = MessageCases.Get(name);
        if (c.Command is Command.Block or Command.Tx) return; // the payload is the object itself
        var payload = Decode.PayloadOf(name).Concat(new byte[] { 0xff, 0x00, 0xfd }).ToArray();
        if (EmptyMessage.HasEmptyPayload(c.Command))
        {
            Assert.Equal(WireError.None, Decode.Payload(c.Command, payload));
            return;
        }
        c.AssertDecodes(new System.Buffers.ReadOnlySequence<byte>(payload));
    }

    [Theory]
    [InlineData(Command.Headers, ProtocolLimits.MaxHeaders, BlockHeader.Size + 1)]
    [InlineData(Command.Inv, ProtocolLimits.MaxInventory, InventoryVector.Size)]
    [InlineData(Command.GetData, ProtocolLimits.MaxInventory, InventoryVector.Size)]
    [InlineData(Command.NotFound, ProtocolLimits.MaxInventory, InventoryVector.Size)]
    [InlineData(Command.Addr, ProtocolLimits.MaxAddresses, TimedNetworkAddress.Size)]
    [InlineData(Command.AddrV2, ProtocolLimits.MaxAddresses, 9)]
    public void Count_over_the_protocol_limit_is_TooManyEntries_even_with_the_bytes_present(Command command, int limit, int entrySize)
    {
        var payload = new byte[9 + (limit + 1) * entrySize];
        int n = CompactSize.Write(payload, (ulong)limit + 1);
        var e = Decode.Fails(command, payload[..(n + (limit + 1) * entrySize)]);
        Assert.Equal(WireError.TooManyEntries, e.Error);
        Assert.Equal(limit, e.Limit);

        // a huge count is refused before anything is sized from it
        var huge = new byte[9];
        CompactSize.Write(huge, ulong.MaxValue);
        Assert.Equal(WireError.TooManyEntries, Decode.Fails(command, huge).Error);
    }

    [Theory]
    [InlineData(Command.GetHeaders)]
    [InlineData(Command.GetBlocks)]
    public void Locator_over_MAX_LOCATOR_SZ_is_TooManyEntries(Command command)
    {
        var payload = new byte[4 + 1 + 102 * 32 + 32];
        payload[4] = 102;
        var e = Decode.Fails(command, payload);
        Assert.Equal(WireError.TooManyEntries, e.Error);
        Assert.Equal(ProtocolLimits.MaxLocator, e.Limit);

        payload[4] = 101;
        Assert.Equal(WireError.None, Decode.Payload(command, payload[..(4 + 1 + 101 * 32 + 32)]));
    }

    [Theory]
    [InlineData(Command.Headers)]
    [InlineData(Command.Inv)]
    [InlineData(Command.Addr)]
    public void Count_within_the_limit_but_beyond_the_bytes_is_Truncated_before_allocating(Command command)
    {
        var payload = new byte[] { 0xfd, 0x84, 0x03, 0, 0, 0 }; // 900 entries, 3 bytes of them
        Assert.Equal(WireError.Truncated, Decode.Fails(command, payload).Error);
    }

    [Fact]
    public void Non_canonical_CompactSize_is_rejected_wherever_one_is_read()
    {
        // headers count 3 written as fd 03 00
        Assert.Equal(WireError.NonCanonicalCompactSize, Decode.Fails(Command.Headers, [0xfd, 0x03, 0x00, .. new byte[243]]).Error);

        // a header's tx count written as fd 00 00
        var headers = Decode.PayloadOf("headers");
        var bad = headers[..81].Concat(new byte[] { 0xfd, 0x00, 0x00 }).Concat(headers[82..]).ToArray();
        Assert.Equal(WireError.NonCanonicalCompactSize, Decode.Fails(Command.Headers, bad).Error);

        // the version user agent length written as fe 10 00 00 00
        var version = Decode.PayloadOf("version");
        bad = version[..80].Concat(new byte[] { 0xfe, 0x10, 0, 0, 0 }).Concat(version[81..]).ToArray();
        Assert.Equal(WireError.NonCanonicalCompactSize, Decode.Fails(Command.Version, bad).Error);

        // inventory count 1 written as ff 01 00 00 00 00 00 00 00
        Assert.Equal(WireError.NonCanonicalCompactSize,
            Decode.Fails(Command.Inv, [0xff, 1, 0, 0, 0, 0, 0, 0, 0, .. new byte[36]]).Error);

        // addrv2 services 5 written as fd 05 00
        byte[] entry = [1, 0, 0, 0, 0xfd, 0x05, 0x00, 1, 4, 1, 2, 3, 4, 0x20, 0x8d];
        Assert.Equal(WireError.NonCanonicalCompactSize, Decode.Fails(Command.AddrV2, [1, .. entry]).Error);
    }

    [Fact]
    public void Header_tx_count_is_read_and_ignored_as_Core_does_but_must_not_exceed_MAX_SIZE()
    {
        var headers = Decode.PayloadOf("headers");
        var nonZero = headers.ToArray();
        nonZero[1 + 80] = 7;
        Assert.Equal(WireError.None, Decode.Payload(Command.Headers, nonZero));

        var threeByteCount = headers[..81].Concat(new byte[] { 0xfd, 0x00, 0x01 }).Concat(headers[82..]).ToArray();
        var decoded = new BlockHeader[3];
        Assert.Equal(3, HeadersMessage.Decode(new System.Buffers.ReadOnlySequence<byte>(threeByteCount), decoded));
        Assert.Equal(MessageCases.MainnetHeaders.Value.AsSpan(100, 3).ToArray(), decoded);

        var tooLarge = headers[..81].Concat(new byte[] { 0xfe, 0x01, 0x00, 0x00, 0x02 }).Concat(headers[82..]).ToArray();
        var e = Decode.Fails(Command.Headers, tooLarge);
        Assert.Equal(WireError.CompactSizeTooLarge, e.Error);
    }

    [Fact]
    public void User_agent_over_MAX_SUBVERSION_LENGTH_is_StringTooLong()
    {
        var version = Decode.PayloadOf("version");
        var agent = new byte[257];
        agent.AsSpan().Fill((byte)'a');
        var bad = version[..80].Concat(new byte[] { 0xfd, 0x01, 0x01 }).Concat(agent).Concat(version[^5..]).ToArray();
        var e = Decode.Fails(Command.Version, bad);
        Assert.Equal(WireError.StringTooLong, e.Error);
        Assert.Equal(ProtocolLimits.MaxUserAgentLength, e.Limit);

        var ok = version[..80].Concat(new byte[] { 0xfd, 0x00, 0x01 }).Concat(agent[..256]).Concat(version[^5..]).ToArray();
        Assert.Equal(WireError.None, Decode.Payload(Command.Version, ok));
    }

    [Fact]
    public void Reject_strings_are_bounded()
    {
        byte[] longMessage = [13, .. "abcdefghijklm"u8.ToArray(), 0x10, 0];
        Assert.Equal(WireError.StringTooLong, Decode.Fails(Command.Reject, longMessage).Error);
        byte[] longReason = [2, (byte)'t', (byte)'x', 0x10, 112, .. new byte[112], .. new byte[32]];
        var e = Decode.Fails(Command.Reject, longReason);
        Assert.Equal(WireError.StringTooLong, e.Error);
        Assert.Equal(ProtocolLimits.MaxRejectReasonLength, e.Limit);
    }

    [Fact]
    public void Addrv2_address_lengths_follow_BIP155()
    {
        static byte[] One(byte network, int length) =>
        [
            1, 0, 0, 0, 0, 0, network, .. CompactSizeBytes((ulong)length), .. new byte[length], 0x20, 0x8d,
        ];

        Assert.Equal(WireError.AddressTooLong, Decode.Fails(Command.AddrV2, One(42, 513)).Error);
        Assert.Equal(WireError.None, Decode.Payload(Command.AddrV2, One(42, 512)));
        Assert.Equal(WireError.AddressSizeMismatch, Decode.Fails(Command.AddrV2, One(1, 5)).Error);
        Assert.Equal(WireError.AddressSizeMismatch, Decode.Fails(Command.AddrV2, One(2, 4)).Error);
        Assert.Equal(WireError.AddressSizeMismatch, Decode.Fails(Command.AddrV2, One(4, 16)).Error);
        Assert.Equal(WireError.AddressSizeMismatch, Decode.Fails(Command.AddrV2, One(5, 31)).Error);
        Assert.Equal(WireError.AddressSizeMismatch, Decode.Fails(Command.AddrV2, One(6, 4)).Error);
        Assert.Equal(WireError.None, Decode.Payload(Command.AddrV2, One(3, 10))); // TorV2: unknown to Core, skipped
        Assert.Equal(WireError.None, Decode.Payload(Command.AddrV2, One(3, 0)));
        // a huge length is refused before anything is allocated for it
        Assert.Equal(WireError.AddressTooLong, Decode.Fails(Command.AddrV2, [1, 0, 0, 0, 0, 0, 42, 0xfe, 0, 0, 0, 0x7f]).Error);
    }

    private static byte[] CompactSizeBytes(ulong value)
    {
        var bytes = new byte[9];
        return bytes[..CompactSize.Write(bytes, value)];
    }
}
