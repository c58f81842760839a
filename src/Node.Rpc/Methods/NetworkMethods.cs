using System.Globalization;
using System.Text.Json;
using Node.Net;
using Node.Rpc.Codec;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>Core's network category (rpc/net.cpp). Every method raises -31 when peer-to-peer is off.</summary>
internal static class NetworkMethods
{
    private const string Category = "network";

    public static void Register(RpcMethodTable table)
    {
        table.Add(new("getpeerinfo", Category, "Returns data about each connected network peer as a json array of objects.", [],
            "[ { \"id\", \"addr\", \"addrbind\", \"network\", \"services\", \"servicesnames\", \"relaytxes\", \"lastsend\", \"lastrecv\", \"last_transaction\", \"last_block\", \"bytessent\", \"bytesrecv\", \"conntime\", \"timeoffset\", \"pingtime\", \"minping\", \"pingwait\", \"version\", \"subver\", \"inbound\", \"bip152_hb_to\", \"bip152_hb_from\", \"startingheight\", \"presynced_headers\", \"synced_headers\", \"synced_blocks\", \"inflight\", \"addr_relay_enabled\", \"addr_processed\", \"addr_rate_limited\", \"permissions\", \"minfeefilter\", \"bytessent_per_msg\", \"bytesrecv_per_msg\", \"connection_type\", \"transport_protocol_type\", \"session_id\" }, ... ]",
            GetPeerInfo));
        table.Add(new("getconnectioncount", Category, "Returns the number of connections to other nodes.", [],
            "n    (numeric) The connection count", (c, w) => w.WriteNumberValue(c.Context.Network.ConnectionCount)));
        table.Add(new("ping", Category,
            "Requests that a ping be sent to all other nodes, to measure ping time.\nResults are provided in getpeerinfo, pingtime and pingwait fields are decimal seconds.\nPing command is handled in queue with all other commands, so it measures processing backlog, not just network ping.",
            [], "null    (json null)", (c, w) =>
            {
                c.Context.Network.PingAll();
                w.WriteNullValue();
            }));
        table.Add(new("getnettotals", Category,
            "Returns information about network traffic, including bytes in, bytes out,\nand current system time.", [],
            "{ \"totalbytesrecv\", \"totalbytessent\", \"timemillis\", \"uploadtarget\": { \"timeframe\", \"target\", \"target_reached\", \"serve_historical_blocks\", \"bytes_left_in_cycle\", \"time_left_in_cycle\" } }",
            GetNetTotals));
        table.Add(new("getnetworkinfo", Category, "Returns an object containing various state info regarding P2P networking.", [],
            "{ \"version\", \"subversion\", \"protocolversion\", \"localservices\", \"localservicesnames\", \"localrelay\", \"timeoffset\", \"networkactive\", \"connections\", \"connections_in\", \"connections_out\", \"networks\": [ { \"name\", \"limited\", \"reachable\", \"proxy\", \"proxy_randomize_credentials\" } ], \"relayfee\", \"incrementalfee\", \"localaddresses\", \"warnings\" }",
            GetNetworkInfo));
        table.Add(new("addnode", Category, "Attempts to add or remove a node from the addnode list.\nOr try a connection to a node once.",
            [Required("node", RpcParamType.String, "The address of the peer to connect to"), Required("command", RpcParamType.String, "'add' to add a node to the list, 'remove' to remove a node from the list, 'onetry' to try a connection to the node once")],
            "null    (json null)", AddNode));
        table.Add(new("disconnectnode", Category, "Immediately disconnects from the specified peer node.\nStrictly one out of 'address' and 'nodeid' can be provided to identify the node.",
            [Opt("address", RpcParamType.String, "The IP address/port of the node", "fallback to nodeid"), Opt("nodeid", RpcParamType.Number, "The node ID (see getpeerinfo for node IDs)", "fallback to address")],
            "null    (json null)", DisconnectNode));
        table.Add(new("setban", Category, "Attempts to add or remove an IP/Subnet from the banned list.",
            [Required("subnet", RpcParamType.String, "The IP/Subnet (see getpeerinfo for nodes IP) with an optional netmask (default is /32 = single IP)"),
             Required("command", RpcParamType.String, "'add' to add an IP/Subnet to the list, 'remove' to remove an IP/Subnet from the list"),
             Opt("bantime", RpcParamType.Number, "time in seconds how long (or until when if [absolute] is set) the IP is banned (0 or empty means using the default time of 24h)", "0"),
             Opt("absolute", RpcParamType.Bool, "If set, the bantime must be an absolute timestamp expressed in UNIX epoch time", "false")],
            "null    (json null)", SetBan));
        table.Add(new("listbanned", Category, "List all manually banned IPs/Subnets.", [],
            "[ { \"address\", \"ban_created\", \"banned_until\", \"ban_duration\", \"time_remaining\" }, ... ]", ListBanned));
        table.Add(new("clearbanned", Category, "Clear all banned IPs.", [], "null    (json null)", (c, w) =>
        {
            c.Context.Network.ClearBanned();
            w.WriteNullValue();
        }));
    }

    /// <summary>Core's DEFAULT_MIN_RELAY_TX_FEE and DEFAULT_INCREMENTAL_RELAY_FEE, in satoshis per kvB: the policy a node without a mempool reports.</summary>
    private const long MinRelayFeePerKvB = 1000, IncrementalRelayFeePerKvB = 1000;

    /// <summary>
    /// Core's getpeerinfo field order (v28). What the node does not track is written as Core writes it
    /// for a peer with no such state: no transactions received yet (last_transaction 0), no headers
    /// presync (-1), no address relay, no fee filter; v1 transport (no BIP324 session).
    /// </summary>
    private static void GetPeerInfo(RpcCall call, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var p in call.Context.Network.GetPeers())
        {
            w.WriteStartObject();
            w.WriteNumber("id"u8, p.Id);
            w.WriteString("addr"u8, p.Address);
            if (!string.IsNullOrEmpty(p.AddressBind)) w.WriteString("addrbind"u8, p.AddressBind);
            w.WriteString("network"u8, p.Network);
            w.WriteString("services"u8, p.Services.ToString("x16", CultureInfo.InvariantCulture));
            WriteNames(w, "servicesnames"u8, PeerNames.Services(p.Services));
            w.WriteBoolean("relaytxes"u8, p.RelayTransactions);
            w.WriteNumber("lastsend"u8, p.LastSend);
            w.WriteNumber("lastrecv"u8, p.LastReceive);
            w.WriteNumber("last_transaction"u8, 0);
            w.WriteNumber("last_block"u8, p.LastBlock);
            w.WriteNumber("bytessent"u8, p.BytesSent);
            w.WriteNumber("bytesrecv"u8, p.BytesReceived);
            w.WriteNumber("conntime"u8, p.ConnectedTime);
            w.WriteNumber("timeoffset"u8, p.TimeOffset);
            if (p.PingTime is { } ping) w.WriteNumber("pingtime"u8, ping);
            if (p.MinPing is { } minPing) w.WriteNumber("minping"u8, minPing);
            if (p.PingWait is { } pingWait and > 0) w.WriteNumber("pingwait"u8, pingWait);
            w.WriteNumber("version"u8, p.Version);
            w.WriteString("subver"u8, p.SubVersion);
            w.WriteBoolean("inbound"u8, p.Inbound);
            w.WriteBoolean("bip152_hb_to"u8, false);
            w.WriteBoolean("bip152_hb_from"u8, false);
            w.WriteNumber("startingheight"u8, p.StartingHeight);
            w.WriteNumber("presynced_headers"u8, -1);
            w.WriteNumber("synced_headers"u8, p.SyncedHeaders);
            w.WriteNumber("synced_blocks"u8, p.SyncedBlocks);
            w.WriteStartArray("inflight"u8);
            foreach (int height in p.InFlight) w.WriteNumberValue(height);
            w.WriteEndArray();
            w.WriteBoolean("addr_relay_enabled"u8, false);
            w.WriteNumber("addr_processed"u8, 0);
            w.WriteNumber("addr_rate_limited"u8, 0);
            WriteNames(w, "permissions"u8, p.Permissions);
            AmountJson.Write(w, "minfeefilter"u8, 0);
            WriteBytesPerMessage(w, "bytessent_per_msg"u8, p.BytesSentPerMessage);
            WriteBytesPerMessage(w, "bytesrecv_per_msg"u8, p.BytesReceivedPerMessage);
            w.WriteString("connection_type"u8, p.ConnectionType);
            w.WriteString("transport_protocol_type"u8, "v1");
            w.WriteString("session_id"u8, "");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteBytesPerMessage(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<KeyValuePair<string, long>> counts)
    {
        w.WriteStartObject(name);
        foreach (var (type, bytes) in counts) w.WriteNumber(type, bytes);
        w.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter w, ReadOnlySpan<byte> name, IEnumerable<string> names)
    {
        w.WriteStartArray(name);
        foreach (string n in names) w.WriteStringValue(n);
        w.WriteEndArray();
    }

    /// <summary>
    /// Core's getnettotals. There is no -maxuploadtarget, so the upload target is Core's with none set: a one-day
    /// timeframe, target 0, never reached, historical blocks served, nothing left in the cycle.
    /// </summary>
    private static void GetNetTotals(RpcCall call, Utf8JsonWriter w)
    {
        var totals = call.Context.Network.GetTotals();
        w.WriteStartObject();
        w.WriteNumber("totalbytesrecv"u8, totals.BytesReceived);
        w.WriteNumber("totalbytessent"u8, totals.BytesSent);
        w.WriteNumber("timemillis"u8, totals.TimeMillis);
        w.WriteStartObject("uploadtarget"u8);
        w.WriteNumber("timeframe"u8, 86400);
        w.WriteNumber("target"u8, 0);
        w.WriteBoolean("target_reached"u8, false);
        w.WriteBoolean("serve_historical_blocks"u8, true);
        w.WriteNumber("bytes_left_in_cycle"u8, 0);
        w.WriteNumber("time_left_in_cycle"u8, 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// Core's getnetworkinfo (v28 order). Of Core's networks only IPv4 and IPv6 are reachable: this
    /// node has no proxy, Tor, I2P or CJDNS support. The relay fees are Core's defaults (this node
    /// relays no transactions).
    /// </summary>
    private static void GetNetworkInfo(RpcCall call, Utf8JsonWriter w)
    {
        var n = call.Context.Network.GetNetworkSummary();
        w.WriteStartObject();
        w.WriteNumber("version"u8, n.Version);
        w.WriteString("subversion"u8, n.SubVersion);
        w.WriteNumber("protocolversion"u8, n.ProtocolVersion);
        w.WriteString("localservices"u8, n.LocalServices.ToString("x16", CultureInfo.InvariantCulture));
        WriteNames(w, "localservicesnames"u8, PeerNames.Services(n.LocalServices));
        w.WriteBoolean("localrelay"u8, n.LocalRelay);
        w.WriteNumber("timeoffset"u8, n.TimeOffset);
        w.WriteBoolean("networkactive"u8, n.NetworkActive);
        w.WriteNumber("connections"u8, n.ConnectionsIn + n.ConnectionsOut);
        w.WriteNumber("connections_in"u8, n.ConnectionsIn);
        w.WriteNumber("connections_out"u8, n.ConnectionsOut);
        w.WriteStartArray("networks"u8);
        foreach (string network in (ReadOnlySpan<string>)["ipv4", "ipv6", "onion", "i2p", "cjdns"])
        {
            bool reachable = network is "ipv4" or "ipv6";
            w.WriteStartObject();
            w.WriteString("name"u8, network);
            w.WriteBoolean("limited"u8, !reachable);
            w.WriteBoolean("reachable"u8, reachable);
            w.WriteString("proxy"u8, "");
            w.WriteBoolean("proxy_randomize_credentials"u8, false);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        AmountJson.Write(w, "relayfee"u8, MinRelayFeePerKvB);
        AmountJson.Write(w, "incrementalfee"u8, IncrementalRelayFeePerKvB);
        w.WriteStartArray("localaddresses"u8);
        foreach (var a in n.LocalAddresses)
        {
            w.WriteStartObject();
            w.WriteString("address"u8, a.Address);
            w.WriteNumber("port"u8, a.Port);
            w.WriteNumber("score"u8, a.Score);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void AddNode(RpcCall call, Utf8JsonWriter w)
    {
        string command = call.GetString(1);
        if (command is not ("onetry" or "add" or "remove")) throw new RpcException(RpcErrorCode.MiscError, call.Method.HelpText);
        var network = call.Context.Network;
        string node = call.GetString(0);
        switch (command)
        {
            case "onetry":
                network.TryConnectOnce(node);
                break;
            case "add":
                if (!network.AddNode(node)) throw new RpcException(RpcErrorCode.ClientNodeAlreadyAdded, "Error: Node already added");
                break;
            default:
                if (!network.RemoveAddedNode(node))
                    throw new RpcException(RpcErrorCode.ClientNodeNotAdded, "Error: Node could not be removed. It has not been added previously.");
                break;
        }
        w.WriteNullValue();
    }

    private static void DisconnectNode(RpcCall call, Utf8JsonWriter w)
    {
        var network = call.Context.Network;
        string? address = call.GetStringOrNull(0);
        bool success;
        if (address is not null && call.IsNull(1)) success = network.DisconnectNode(address);
        else if (!call.IsNull(1) && string.IsNullOrEmpty(address)) success = network.DisconnectNode(call.GetInt64(1, 0));
        else throw new RpcException(RpcErrorCode.InvalidParams, "Only one of address and nodeid should be provided.");
        if (!success) throw new RpcException(RpcErrorCode.ClientNodeNotConnected, "Node not found in connected nodes");
        w.WriteNullValue();
    }

    private static void SetBan(RpcCall call, Utf8JsonWriter w)
    {
        string command = call.GetString(1);
        if (command is not ("add" or "remove")) throw new RpcException(RpcErrorCode.MiscError, call.Method.HelpText);
        var network = call.Context.Network;
        if (!Subnets.TryParse(call.GetString(0), out var subnet)) throw new RpcException(RpcErrorCode.ClientInvalidIpOrSubnet, "Error: Invalid IP/Subnet");

        if (command == "add")
        {
            if (network.IsBanned(subnet)) throw new RpcException(RpcErrorCode.ClientNodeAlreadyAdded, "Error: IP/Subnet already banned");
            long banTime = call.GetInt64(2, 0);
            bool absolute = call.GetBool(3, false);
            long now = call.Context.Clock.GetUtcNow().ToUnixTimeSeconds();
            if (absolute && banTime < now) throw new RpcException(RpcErrorCode.InvalidParameter, "Error: Absolute timestamp is in the past");
            long until = absolute ? banTime : now + (banTime > 0 ? banTime : network.DefaultBanTimeSeconds);
            network.Ban(subnet, until);
        }
        else if (!network.Unban(subnet))
        {
            throw new RpcException(RpcErrorCode.ClientInvalidIpOrSubnet, "Error: Unban failed. Requested address/subnet was not previously manually banned.");
        }
        w.WriteNullValue();
    }

    private static void ListBanned(RpcCall call, Utf8JsonWriter w)
    {
        long now = call.Context.Clock.GetUtcNow().ToUnixTimeSeconds();
        w.WriteStartArray();
        foreach (var ban in call.Context.Network.ListBanned())
        {
            w.WriteStartObject();
            w.WriteString("address"u8, ban.Subnet.ToString());
            w.WriteNumber("ban_created"u8, ban.BanCreated);
            w.WriteNumber("banned_until"u8, ban.BannedUntil);
            w.WriteNumber("ban_duration"u8, ban.BannedUntil - ban.BanCreated);
            w.WriteNumber("time_remaining"u8, ban.BannedUntil - now);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
