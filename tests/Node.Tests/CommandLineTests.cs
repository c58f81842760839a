using System.Net;
using Node.Logging;
using Node.Net;
using Node.Options;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Defaults_follow_bitcoind_on_main()
    {
        var o = _dir.Options();
        Assert.Same(ChainParams.Main, o.Chain);
        Assert.Equal(_dir.Path, o.DataDir);
        Assert.Equal(_dir.Path, o.NetworkDataDir);
        Assert.Null(o.ConfigFile);
        Assert.Equal(8333, o.Port);
        Assert.Equal(8332, o.RpcPort);
        Assert.Equal(125, o.MaxConnections);
        Assert.Equal(450, o.DbCacheMiB);
        Assert.True(o.Listen);
        Assert.True(o.AutomaticOutbound);
        Assert.True(o.DnsSeed);
        Assert.True(o.FixedSeeds);
        Assert.True(o.Server);
        Assert.True(o.Checkpoints);
        Assert.True(o.PrintToConsole);
        Assert.False(o.BlocksOnly);
        Assert.Equal(ChainParams.Main.DefaultAssumeValid, o.AssumeValid);
        Assert.Equal(ChainParams.Main.MinimumChainWork, o.MinimumChainWork);
        Assert.Equal(DebugCategories.None, o.Debug);
        Assert.Equal(Path.Combine(_dir.Path, ".cookie"), o.RpcCookieFile);
        Assert.Equal(Path.Combine(_dir.Path, "debug.log"), o.DebugLogFile);
        Assert.Empty(o.Connect);
        Assert.Empty(o.AddNode);
        Assert.Empty(o.Whitelist);
    }

    [Fact]
    public void Default_datadir_is_used_when_none_is_given()
    {
        string fallback = Path.Combine(_dir.Path, "not-yet-created");
        var run = Assert.IsType<RunNode>(OptionsParser.Parse(["-regtest"], fallback));
        Assert.Equal(fallback, run.Options.DataDir);
        Assert.Equal(Path.Combine(fallback, "regtest"), run.Options.NetworkDataDir);
    }

    [Theory]
    [InlineData("-chain=main", "main", "", 8333, 8332)]
    [InlineData("-chain=test", "test", "testnet3", 18333, 18332)]
    [InlineData("-testnet", "test", "testnet3", 18333, 18332)]
    [InlineData("-chain=testnet4", "testnet4", "testnet4", 48333, 48332)]
    [InlineData("-testnet4", "testnet4", "testnet4", 48333, 48332)]
    [InlineData("-chain=signet", "signet", "signet", 38333, 38332)]
    [InlineData("-signet", "signet", "signet", 38333, 38332)]
    [InlineData("-chain=regtest", "regtest", "regtest", 18444, 18443)]
    [InlineData("-regtest", "regtest", "regtest", 18444, 18443)]
    [InlineData("--regtest", "regtest", "regtest", 18444, 18443)]
    [InlineData("-regtest=1", "regtest", "regtest", 18444, 18443)]
    public void Networks_have_their_directory_and_ports(string arg, string chain, string subdir, int port, int rpcPort)
    {
        var o = _dir.Options(arg);
        Assert.Equal(chain, o.Chain.Name);
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.Combine(_dir.Path, subdir)), o.NetworkDataDir);
        Assert.Equal(port, o.Port);
        Assert.Equal(rpcPort, o.RpcPort);
        Assert.Equal(o.Chain.DefaultAssumeValid, o.AssumeValid);
        Assert.Equal(Path.Combine(o.NetworkDataDir, "debug.log"), o.DebugLogFile);
    }

    [Theory]
    [InlineData("-regtest", "-testnet")]
    [InlineData("-signet", "-testnet4")]
    [InlineData("-chain=regtest", "-signet")]
    [InlineData("-chain=regtest", "-regtest")]
    [InlineData("-testnet", "-chain=test")]
    public void Two_chain_selections_are_an_error(string a, string b)
    {
        var e = _dir.Error(a, b);
        Assert.Equal(OptionsErrorCode.ChainConflict, e.Code);
        Assert.Equal("Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", e.Message);
    }

    [Fact]
    public void A_disabled_shorthand_does_not_count()
    {
        Assert.Equal("test", _dir.Options("-regtest=0", "-testnet").Chain.Name);
        Assert.Equal("signet", _dir.Options("-noregtest", "-signet").Chain.Name);
    }

    [Fact]
    public void Unknown_chain_is_named()
    {
        var e = _dir.Error("-chain=mainnet");
        Assert.Equal(OptionsErrorCode.UnknownChain, e.Code);
        Assert.StartsWith("Unknown chain mainnet.", e.Message);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "-listen" }, true)]
    [InlineData(new[] { "-listen=1" }, true)]
    [InlineData(new[] { "--listen=1" }, true)]
    [InlineData(new[] { "-listen=0" }, false)]
    [InlineData(new[] { "-nolisten" }, false)]
    [InlineData(new[] { "-nolisten=1" }, false)]
    [InlineData(new[] { "-nolisten=0" }, true)] // Core's double negative
    [InlineData(new[] { "-listen=0", "-listen" }, true)]
    [InlineData(new[] { "-listen", "-nolisten" }, false)]
    public void Booleans_take_every_bitcoind_form(string[] args, bool listen)
    {
        Assert.Equal(listen, _dir.Options(args).Listen);
    }

    [Fact]
    public void Every_flag_is_read()
    {
        var o = _dir.Options("-blocksonly", "-checkpoints=0", "-server=0", "-printtoconsole=0");
        Assert.True(o.BlocksOnly);
        Assert.False(o.Checkpoints);
        Assert.False(o.Server);
        Assert.False(o.PrintToConsole);
        var n = _dir.Options("-noblocksonly", "-nocheckpoints", "-noserver", "-noprinttoconsole");
        Assert.False(n.BlocksOnly);
        Assert.False(n.Checkpoints);
        Assert.False(n.Server);
        Assert.False(n.PrintToConsole);
    }

    [Fact]
    public void Maxtipage_sets_the_tip_age_of_initial_block_download_in_seconds()
    {
        Assert.Equal(TimeSpan.FromHours(24), _dir.Options().MaxTipAge);
        Assert.Equal(TimeSpan.FromSeconds(600), _dir.Options("-maxtipage=600").MaxTipAge);
        Assert.Equal(TimeSpan.FromDays(365 * 20), _dir.Options("-maxtipage=" + 365 * 20 * 86400).MaxTipAge);
    }

    [Theory]
    [InlineData("-listen=yes")]
    [InlineData("-listen=true")]
    [InlineData("-nolisten=yes")]
    [InlineData("-blocksonly=on")]
    public void A_boolean_that_is_not_a_number_is_an_error_naming_the_option(string arg)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.InvalidValue, e.Code);
        string name = arg[1..arg.IndexOf('=')];
        Assert.Contains("-" + name, e.Message);
    }

    [Fact]
    public void Single_values_take_the_last_one_on_the_command_line()
    {
        var o = _dir.Options("-port=1000", "-port=2000", "-rpcuser=a", "-rpcuser=b");
        Assert.Equal(2000, o.Port);
        Assert.Equal("b", o.RpcUser);
    }

    [Fact]
    public void Repeatable_options_keep_every_value_in_order()
    {
        var o = _dir.Options(
            "-connect=10.0.0.1", "-connect=10.0.0.2:8333",
            "-addnode=a.example", "-addnode=b.example",
            "-seednode=seed.example", "--seednode=[::1]:8333",
            "-rpcbind=127.0.0.1", "-rpcbind=[::1]:18443",
            "-rpcallowip=127.0.0.1", "-rpcallowip=10.0.0.0/255.0.0.0",
            "-bind=0.0.0.0:8333", "-bind=[::]");
        Assert.Equal(["10.0.0.1", "10.0.0.2:8333"], o.Connect);
        Assert.Equal(["a.example", "b.example"], o.AddNode);
        Assert.Equal(["seed.example", "[::1]:8333"], o.SeedNode);
        Assert.Equal(["127.0.0.1", "[::1]:18443"], o.RpcBind);
        Assert.Equal(["127.0.0.1", "10.0.0.0/255.0.0.0"], o.RpcAllowIp);
        Assert.Equal(["0.0.0.0:8333", "[::]"], o.Bind);
    }

    [Fact]
    public void A_negation_clears_the_values_before_it()
    {
        Assert.Equal(["c"], _dir.Options("-addnode=a", "-addnode=b", "-noaddnode", "-addnode=c").AddNode);
        Assert.Empty(_dir.Options("-whitelist=1.2.3.4", "-nowhitelist").Whitelist);
    }

    [Fact]
    public void Whitelist_entries_are_parsed_with_cores_syntax()
    {
        var o = _dir.Options("-whitelist=noban,relay@127.0.0.1", "-whitelist=10.0.0.0/8", "-whitelist=download,out@[::1]");
        Assert.Equal(3, o.Whitelist.Count);
        Assert.Equal(PeerPermissions.NoBan | PeerPermissions.Relay, o.Whitelist[0].Permissions);
        Assert.Equal(IPNetwork.Parse("127.0.0.1/32"), o.Whitelist[0].Network);
        Assert.Equal(WhitelistDirection.Inbound, o.Whitelist[0].Directions);
        Assert.Equal(PeerPermissions.NoBan | PeerPermissions.Mempool | PeerPermissions.Relay, o.Whitelist[1].Permissions);
        Assert.Equal(IPNetwork.Parse("10.0.0.0/8"), o.Whitelist[1].Network);
        Assert.Equal(WhitelistDirection.Outbound, o.Whitelist[2].Directions);
    }

    [Theory]
    [InlineData(new[] { "-blocksonly" }, false, false)]
    [InlineData(new[] { "-blocksonly", "-whitelistrelay" }, true, false)]
    [InlineData(new[] { "-whitelistrelay=0" }, false, false)]
    [InlineData(new[] { "-whitelistforcerelay" }, true, true)]
    [InlineData(new[] { "-blocksonly", "-whitelistforcerelay" }, true, true)] // forcerelay carries relay itself
    public void Implicit_whitelist_permissions_follow_relay_options(string[] args, bool relay, bool forceRelay)
    {
        var permissions = _dir.Options([.. args, "-whitelist=10.0.0.1"]).Whitelist[0].Permissions;
        Assert.Equal(relay, permissions.Has(PeerPermissions.Relay));
        Assert.Equal(forceRelay, permissions.Has(PeerPermissions.ForceRelay));
        Assert.True(permissions.Has(PeerPermissions.NoBan | PeerPermissions.Mempool));
    }

    [Theory]
    [InlineData("-whitelist=superpeer@1.2.3.4", "Invalid P2P permission: 'superpeer'")]
    [InlineData("-whitelist=noban@not-an-ip", "Invalid netmask specified in -whitelist: 'not-an-ip'")]
    [InlineData("-whitelist=1.2.3.4/33", "Invalid netmask specified in -whitelist: '1.2.3.4/33'")]
    public void A_bad_whitelist_entry_is_an_error(string arg, string message)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.InvalidAddress, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Connect_turns_off_automatic_connections_and_default_listening()
    {
        var o = _dir.Options("-connect=10.0.0.1");
        Assert.False(o.AutomaticOutbound);
        Assert.False(o.Listen);

        var none = _dir.Options("-noconnect");
        Assert.Empty(none.Connect);
        Assert.False(none.AutomaticOutbound);
        Assert.False(none.Listen);

        var zero = _dir.Options("-connect=0");
        Assert.Empty(zero.Connect);
        Assert.False(zero.AutomaticOutbound);

        Assert.True(_dir.Options("-connect=10.0.0.1", "-listen").Listen);
        Assert.False(_dir.Options("-maxconnections=0").Listen);
    }

    [Fact]
    public void Dnsseed_and_fixedseeds_can_be_turned_off()
    {
        var o = _dir.Options("-nodnsseed", "-fixedseeds=0");
        Assert.False(o.DnsSeed);
        Assert.False(o.FixedSeeds);
        Assert.True(o.AutomaticOutbound);
    }

    [Fact]
    public void Bind_implies_listening_and_conflicts_with_listen_0()
    {
        Assert.True(_dir.Options("-connect=10.0.0.1", "-bind=127.0.0.1").Listen);
        Assert.True(_dir.Options("-bind=127.0.0.1:8333=onion").Listen);
        var e = _dir.Error("-bind=127.0.0.1", "-listen=0");
        Assert.Equal(OptionsErrorCode.Conflict, e.Code);
        Assert.Contains("-bind", e.Message);
    }

    [Theory]
    [InlineData("-bind=127.0.0.1:0", OptionsErrorCode.InvalidAddress, "-bind")]
    [InlineData("-bind=127.0.0.1:x", OptionsErrorCode.InvalidAddress, "-bind")]
    [InlineData("-rpcbind=127.0.0.1:99999", OptionsErrorCode.InvalidPort, "-rpcbind")]
    [InlineData("-rpcbind=[::1]:abc", OptionsErrorCode.InvalidPort, "-rpcbind")]
    public void Addresses_with_a_bad_port_are_errors(string arg, OptionsErrorCode code, string option)
    {
        var e = _dir.Error(arg);
        Assert.Equal(code, e.Code);
        Assert.Contains(option, e.Message);
    }

    [Theory]
    [InlineData("-port=0")]
    [InlineData("-port=65536")]
    [InlineData("-port=-1")]
    [InlineData("-port=abc")]
    [InlineData("-port=")]
    [InlineData("-port")]
    [InlineData("-port=8333x")]
    public void A_bad_port_is_an_error_naming_the_option(string arg)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.InvalidPort, e.Code);
        string value = arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : "";
        Assert.Equal($"Invalid port specified in -port: '{value}'", e.Message);
    }

    [Fact]
    public void Ports_are_read()
    {
        var o = _dir.Options("-regtest", "-port=1", "-rpcport=65535");
        Assert.Equal(1, o.Port);
        Assert.Equal(65535, o.RpcPort);
        Assert.Equal(OptionsErrorCode.InvalidPort, _dir.Error("-rpcport=x").Code);
    }

    [Theory]
    [InlineData("-maxconnections=abc", "-maxconnections")]
    [InlineData("-maxconnections=1.5", "-maxconnections")]
    [InlineData("-maxconnections=-1", "-maxconnections")]
    [InlineData("-dbcache=abc", "-dbcache")]
    [InlineData("-dbcache=", "-dbcache")]
    [InlineData("-dbcache=4G", "-dbcache")]
    public void A_bad_number_is_an_error_naming_the_option(string arg, string option)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.InvalidValue, e.Code);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void Numbers_are_read_and_dbcache_has_cores_minimum()
    {
        var o = _dir.Options("-maxconnections=8", "-dbcache=4000");
        Assert.Equal(8, o.MaxConnections);
        Assert.Equal(4000, o.DbCacheMiB);
        Assert.Equal(4, _dir.Options("-dbcache=1").DbCacheMiB);
        Assert.Equal(4, _dir.Options("-dbcache=-100").DbCacheMiB);
    }

    [Fact]
    public void Assumevalid_takes_a_hash_in_cores_user_hex()
    {
        const string hash = "00000000000000000000611fd22f2df7c8fbd0688745c3a6c3bb5109cc2a12cb";
        Assert.Equal(Hash256.Parse(hash), _dir.Options("-assumevalid=" + hash).AssumeValid);
        Assert.Equal(Hash256.Parse(hash), _dir.Options("-assumevalid=0x" + hash).AssumeValid);
        Assert.Equal(Hash256.Parse(hash), _dir.Options("-assumevalid=" + hash.TrimStart('0')).AssumeValid);
        Assert.True(_dir.Options("-assumevalid=0").AssumeValid.IsZero);
        Assert.True(_dir.Options("-noassumevalid").AssumeValid.IsZero);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0x0x12")]
    [InlineData("00000000000000000000611fd22f2df7c8fbd0688745c3a6c3bb5109cc2a12cb0")]
    [InlineData("12 34")]
    public void A_bad_assumevalid_hash_is_an_error(string value)
    {
        var e = _dir.Error("-assumevalid=" + value);
        Assert.Equal(OptionsErrorCode.InvalidHash, e.Code);
        Assert.Equal($"Invalid assumevalid block hash specified ({value}), must be up to 64 hex digits (or 0 to disable)", e.Message);
    }

    [Fact]
    public void Minimumchainwork_takes_hex_with_or_without_0x()
    {
        Assert.Equal(new UInt256(0x1234), _dir.Options("-minimumchainwork=0x1234").MinimumChainWork);
        Assert.Equal(new UInt256(0x1234), _dir.Options("-minimumchainwork=1234").MinimumChainWork);
        Assert.Equal(new UInt256(0, 0, 0, 0xab00000000000000), _dir.Options("-minimumchainwork=ab" + new string('0', 62)).MinimumChainWork);
        var e = _dir.Error("-minimumchainwork=0xg1");
        Assert.Equal(OptionsErrorCode.InvalidHex, e.Code);
        Assert.Equal("Invalid minimum work specified (0xg1), must be up to 64 hex digits", e.Message);
        Assert.Equal(OptionsErrorCode.InvalidHex, _dir.Error("-minimumchainwork=" + new string('f', 65)).Code);
    }

    [Fact]
    public void Rpc_credentials_and_cookie_location()
    {
        var o = _dir.Options("-regtest", "-rpcuser=alice", "-rpcpassword=secret", "-rpccookiefile=auth/cookie");
        Assert.Equal("alice", o.RpcUser);
        Assert.Equal("secret", o.RpcPassword);
        Assert.Equal(Path.Combine(_dir.Path, "regtest", "auth", "cookie"), o.RpcCookieFile);
        string absolute = Path.Combine(_dir.Path, "elsewhere", ".cookie");
        Assert.Equal(absolute, _dir.Options("-rpccookiefile=" + absolute).RpcCookieFile);
        Assert.Null(_dir.Options("-norpccookiefile").RpcCookieFile);
    }

    [Theory]
    [InlineData(new[] { "-debug" }, DebugCategories.All)]
    [InlineData(new[] { "-debug=1" }, DebugCategories.All)]
    [InlineData(new[] { "-debug=all" }, DebugCategories.All)]
    [InlineData(new[] { "-debug=net" }, DebugCategories.Net)]
    [InlineData(new[] { "-debug=net", "-debug=rpc" }, DebugCategories.Net | DebugCategories.Rpc)]
    [InlineData(new[] { "-debug=sync", "-debug=chain", "-debug=storage" }, DebugCategories.Sync | DebugCategories.Chain | DebugCategories.Storage)]
    [InlineData(new[] { "-debug=net", "-debug=0" }, DebugCategories.None)]
    [InlineData(new[] { "-debug=net", "-debug=none" }, DebugCategories.None)]
    [InlineData(new[] { "-debug=net", "-nodebug" }, DebugCategories.None)]
    [InlineData(new[] { "-debug", "-debugexclude=net" }, DebugCategories.All & ~DebugCategories.Net)]
    public void Debug_categories(string[] args, DebugCategories expected)
    {
        Assert.Equal(expected, _dir.Options(args).Debug);
    }

    [Fact]
    public void An_unknown_debug_category_is_an_error()
    {
        var e = _dir.Error("-debug=mempool");
        Assert.Equal(OptionsErrorCode.InvalidValue, e.Code);
        Assert.StartsWith("Unsupported logging category -debug=mempool.", e.Message);
        Assert.Contains("-debugexclude=x", _dir.Error("-debugexclude=x").Message);
    }

    [Theory]
    [InlineData("-foo")]
    [InlineData("-foo=1")]
    [InlineData("--foo=bar")]
    [InlineData("-nofoo")]
    [InlineData("-regtest.port=1")]
    [InlineData("-Listen")]
    [InlineData("---listen")]
    public void An_unknown_option_is_named(string arg)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.InvalidParameter, e.Code);
        Assert.Equal($"Error parsing command line arguments: Invalid parameter {arg}", e.Message);
    }

    [Theory]
    [InlineData("regtest")]
    [InlineData("-")]
    [InlineData("")]
    public void A_word_that_is_not_an_option_is_an_error(string arg)
    {
        var e = _dir.Error("-regtest", arg);
        Assert.Equal(OptionsErrorCode.UnexpectedToken, e.Code);
        Assert.Equal($"Command line contains unexpected token '{arg}', see sharpnode -h for a list of options.", e.Message);
    }

    [Theory]
    [InlineData("-nodatadir", "datadir")]
    [InlineData("-noport", "port")]
    [InlineData("-norpcport=1", "rpcport")]
    [InlineData("-nochain", "chain")]
    public void Negating_an_option_without_an_off_state_is_an_error(string arg, string name)
    {
        var e = _dir.Error(arg);
        Assert.Equal(OptionsErrorCode.NegationForbidden, e.Code);
        Assert.Contains($"Negating of -{name} is meaningless and therefore forbidden", e.Message);
    }

    [Fact]
    public void Includeconf_is_for_config_files_only()
    {
        var e = _dir.Error("-includeconf=extra.conf");
        Assert.Equal(OptionsErrorCode.NotAllowedHere, e.Code);
        Assert.Contains("-includeconf cannot be used from commandline; -includeconf=extra.conf", e.Message);
        _dir.Options("-noincludeconf");
    }

    [Fact]
    public void A_missing_datadir_is_an_error()
    {
        string missing = Path.Combine(_dir.Path, "missing");
        var e = Assert.IsType<ParseFailed>(OptionsParser.Parse(["-datadir=" + missing], _dir.Path)).Error;
        Assert.Equal(OptionsErrorCode.DataDirMissing, e.Code);
        Assert.Equal($"Specified data directory \"{missing}\" does not exist.", e.Message);
    }

    [Fact]
    public void A_relative_datadir_works_from_the_current_directory_with_a_warning()
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), _dir.Path);
        var run = Assert.IsType<RunNode>(OptionsParser.Parse(["-datadir=" + relative], "/nonexistent"));
        Assert.Equal(_dir.Path, run.Options.DataDir);
        Assert.Contains(run.Warnings, w => w.StartsWith($"relative datadir option '{relative}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_is_shown_for_every_spelling(string arg)
    {
        var help = Assert.IsType<ShowHelp>(_dir.Parse("-regtest", arg));
        Assert.Equal(HelpText.Build(), help.Text);
    }

    [Fact]
    public void Version_and_help_win_over_config_problems_but_not_over_unknown_options()
    {
        var version = Assert.IsType<ShowVersion>(_dir.Parse("-version", "-regtest", "-testnet"));
        Assert.Equal(VersionInfo.Line + "\n", version.Text);
        Assert.IsType<ShowHelp>(_dir.Parse("-help", "-port=x"));
        Assert.Equal(OptionsErrorCode.InvalidParameter, _dir.Error("-help", "-foo").Code);
    }
}
