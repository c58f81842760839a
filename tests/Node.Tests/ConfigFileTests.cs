using Node.Options;
using Node.Primitives.Consensus;

namespace Node.Tests;

public sealed class ConfigFileTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Conf(string text) => _dir.Write("bitcoin.conf", text);

    [Fact]
    public void Reads_bitcoin_conf_in_the_datadir_with_comments_and_spacing()
    {
        Conf("""
            # a comment line
              maxconnections = 40   # trailing comment
            dbcache=1000

            	blocksonly=1
            listen=0
            addnode=a.example
            addnode=b.example
            debug=net
            """);
        var run = _dir.Run();
        var o = run.Options;
        Assert.Equal(Path.Combine(_dir.Path, "bitcoin.conf"), o.ConfigFile);
        Assert.Equal(40, o.MaxConnections);
        Assert.Equal(1000, o.DbCacheMiB);
        Assert.True(o.BlocksOnly);
        Assert.False(o.Listen);
        Assert.Equal(["a.example", "b.example"], o.AddNode);
        Assert.Equal(Logging.DebugCategories.Net, o.Debug);
        Assert.Empty(run.Warnings);
    }

    [Fact]
    public void Negations_and_double_negatives_in_the_file()
    {
        Conf("nolisten=1\nnoserver=0\n");
        var o = _dir.Options();
        Assert.False(o.Listen);
        Assert.True(o.Server);
    }

    [Fact]
    public void The_command_line_overrides_the_file()
    {
        Conf("dbcache=1000\nlisten=0\nrpcuser=file\n");
        var o = _dir.Options("-dbcache=2000", "-listen", "-rpcuser=cli");
        Assert.Equal(2000, o.DbCacheMiB);
        Assert.True(o.Listen);
        Assert.Equal("cli", o.RpcUser);
    }

    [Fact]
    public void In_the_file_the_first_single_value_wins()
    {
        Conf("dbcache=1000\ndbcache=2000\n");
        Assert.Equal(1000, _dir.Options().DbCacheMiB);
    }

    [Fact]
    public void Lists_join_the_command_line_and_the_file_unless_negated_on_the_command_line()
    {
        Conf("seednode=file.example\n");
        Assert.Equal(["cli.example", "file.example"], _dir.Options("-seednode=cli.example").SeedNode);
        Assert.Empty(_dir.Options("-noseednode").SeedNode);
    }

    [Fact]
    public void A_value_after_a_negation_on_the_command_line_brings_the_files_values_back_as_in_core()
    {
        Conf("seednode=file.example\n");
        Assert.Equal(["cli.example", "file.example"], _dir.Options("-seednode=old.example", "-noseednode", "-seednode=cli.example").SeedNode);
    }

    [Fact]
    public void The_network_section_beats_the_top_level_whatever_the_order()
    {
        Conf("dbcache=100\nregtest.maxconnections=7\nmaxconnections=9\n[regtest]\ndbcache=300\n[main]\ndbcache=200\n");
        var o = _dir.Options("-regtest");
        Assert.Equal(300, o.DbCacheMiB);
        Assert.Equal(7, o.MaxConnections);
    }

    [Fact]
    public void Network_sections_apply_only_to_their_network()
    {
        Conf("""
            dbcache=100
            [main]
            dbcache=200
            [regtest]
            dbcache=300
            port=19000
            rpcport=19001
            [signet]
            dbcache=400
            """);
        Assert.Equal(200, _dir.Options().DbCacheMiB);
        var regtest = _dir.Options("-regtest");
        Assert.Equal(300, regtest.DbCacheMiB);
        Assert.Equal(19000, regtest.Port);
        Assert.Equal(19001, regtest.RpcPort);
        Assert.Equal(400, _dir.Options("-signet").DbCacheMiB);
        Assert.Equal(100, _dir.Options("-testnet4").DbCacheMiB);
        Assert.Equal(48333, _dir.Options("-testnet4").Port);
    }

    [Fact]
    public void A_section_prefix_on_the_name_works_like_a_section()
    {
        Conf("regtest.dbcache=300\ntest.dbcache=500\n");
        Assert.Equal(300, _dir.Options("-regtest").DbCacheMiB);
        Assert.Equal(500, _dir.Options("-testnet").DbCacheMiB);
        Assert.Equal(450, _dir.Options().DbCacheMiB);
    }

    [Fact]
    public void The_network_can_be_chosen_in_the_file()
    {
        Conf("regtest=1\n");
        Assert.Equal(ChainType.Regtest, _dir.Options().Chain.Type);
        Conf("chain=signet\n");
        Assert.Equal(ChainType.Signet, _dir.Options().Chain.Type);
        Conf("regtest=1\n");
        Assert.Equal(ChainType.Regtest, _dir.Options("-noregtest").Chain.Type); // Core ignores a negated -regtest over the file
        Assert.Equal("Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", _dir.Error("-testnet").Message);
        Conf("chain=regtest\nincludeconf=more.conf\n");
        _dir.Write("more.conf", "");
        Assert.Equal("Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", _dir.Error("-signet").Message);
    }

    [Fact]
    public void A_network_chosen_inside_a_section_does_not_count()
    {
        Conf("[main]\nregtest=1\n");
        Assert.Equal(ChainType.Main, _dir.Options().Chain.Type);
    }

    [Theory]
    [InlineData("port=19000", "-port")]
    [InlineData("rpcport=19001", "-rpcport")]
    [InlineData("bind=127.0.0.1", "-bind")]
    [InlineData("rpcbind=127.0.0.1", "-rpcbind")]
    [InlineData("connect=10.0.0.1", "-connect")]
    [InlineData("addnode=10.0.0.1", "-addnode")]
    public void Network_only_options_at_the_top_level_stop_a_non_main_network(string line, string option)
    {
        Conf(line + "\n");
        var e = _dir.Error("-regtest");
        Assert.Equal(OptionsErrorCode.NetworkSectionOnly, e.Code);
        Assert.Equal($"Config setting for {option} only applied on regtest network when in [regtest] section.", e.Message);
        // On main the top level is main's own section; on the command line or in the section it applies.
        _dir.Options();
        _dir.Options("-regtest", option + (option is "-port" or "-rpcport" ? "=19002" : "=127.0.0.2"));
        Conf(line + "\n[regtest]\n" + line + "\n");
        _dir.Options("-regtest");
    }

    [Fact]
    public void Network_only_values_at_the_top_level_are_not_applied_off_main()
    {
        Conf("port=19000\nseednode=s.example\n[regtest]\nport=19500\n");
        var o = _dir.Options("-regtest");
        Assert.Equal(19500, o.Port);
        Assert.Equal(["s.example"], o.SeedNode); // not network-only
        Assert.Equal(19000, _dir.Options().Port);
    }

    [Fact]
    public void Every_unsuitable_option_is_listed()
    {
        Conf("port=1\nrpcport=2\n");
        var e = _dir.Error("-signet");
        Assert.Equal(
            "Config setting for -port only applied on signet network when in [signet] section.\n" +
            "Config setting for -rpcport only applied on signet network when in [signet] section.", e.Message);
    }

    [Fact]
    public void Unknown_names_are_skipped_with_a_warning_as_bitcoind_does()
    {
        Conf("txindex=1\n[regtest]\nzmqpubrawblock=tcp://127.0.0.1:28332\n");
        var run = _dir.Run("-regtest");
        Assert.Equal(
            ["Ignoring unknown configuration value txindex", "Ignoring unknown configuration value regtest.zmqpubrawblock"],
            run.Warnings);
    }

    [Theory]
    [InlineData("dbcache=abc", OptionsErrorCode.InvalidValue, "-dbcache")]
    [InlineData("listen=yes", OptionsErrorCode.InvalidValue, "-listen")]
    [InlineData("port=x", OptionsErrorCode.InvalidPort, "-port")]
    [InlineData("assumevalid=nothex", OptionsErrorCode.InvalidHash, "assumevalid")]
    [InlineData("minimumchainwork=0xZZ", OptionsErrorCode.InvalidHex, "minimum work")]
    [InlineData("debug=bogus", OptionsErrorCode.InvalidValue, "-debug=bogus")]
    [InlineData("nodatadir=1", OptionsErrorCode.NegationForbidden, "-datadir")]
    public void Malformed_values_in_the_file_are_errors_naming_the_option(string line, OptionsErrorCode code, string named)
    {
        Conf(line + "\n");
        var e = _dir.Error();
        Assert.Equal(code, e.Code);
        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData("dbcache=1\n-port=1\n", "parse error on line 2: -port=1, options in configuration file must be specified without leading -")]
    [InlineData("listen\n", "parse error on line 1: listen")]
    [InlineData("\n\nnolisten\n", "parse error on line 3: nolisten, if you intended to specify a negated option, use nolisten=1 instead")]
    [InlineData("rpcpassword=ab#cd\n", "parse error on line 1, using # in rpcpassword can be ambiguous and should be avoided")]
    [InlineData("conf=other.conf\n", "conf cannot be set in the configuration file; use includeconf= if you want to include additional config files")]
    public void Syntax_errors_name_the_line(string text, string message)
    {
        Conf(text);
        var e = _dir.Error();
        Assert.Equal("Error reading configuration file: " + message, e.Message);
    }

    [Fact]
    public void Conf_selects_the_file_relative_to_the_datadir()
    {
        _dir.Write("alt/node.conf", "dbcache=777\n");
        Conf("dbcache=111\n");
        var o = _dir.Options("-conf=alt/node.conf");
        Assert.Equal(777, o.DbCacheMiB);
        Assert.Equal(Path.Combine(_dir.Path, "alt", "node.conf"), o.ConfigFile);
        string absolute = Path.Combine(_dir.Path, "alt", "node.conf");
        Assert.Equal(777, _dir.Options("-conf=" + absolute).DbCacheMiB);
    }

    [Fact]
    public void Noconf_reads_no_file()
    {
        Conf("dbcache=111\n");
        var o = _dir.Options("-noconf");
        Assert.Null(o.ConfigFile);
        Assert.Equal(450, o.DbCacheMiB);
    }

    [Fact]
    public void A_named_config_file_must_exist_the_default_need_not()
    {
        Assert.Null(_dir.Options().ConfigFile);
        var e = _dir.Error("-conf=missing.conf");
        Assert.Equal(OptionsErrorCode.ConfigFileUnreadable, e.Code);
        Assert.Equal($"Error reading configuration file: specified config file \"{Path.Combine(_dir.Path, "missing.conf")}\" could not be opened.", e.Message);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "adir"));
        Assert.Contains("is a directory", _dir.Error("-conf=adir").Message);
    }

    [Fact]
    public void Includeconf_reads_more_files_relative_to_the_datadir()
    {
        Conf("includeconf=extra.conf\n[regtest]\nincludeconf=conf.d/regtest.conf\n");
        _dir.Write("extra.conf", "dbcache=321\nseednode=extra.example\n");
        _dir.Write("conf.d/regtest.conf", "[regtest]\nport=19999\n");
        var main = _dir.Options();
        Assert.Equal(321, main.DbCacheMiB);
        Assert.Equal(["extra.example"], main.SeedNode);
        Assert.Equal(8333, main.Port);
        var regtest = _dir.Options("-regtest");
        Assert.Equal(19999, regtest.Port);
        Assert.Equal(321, regtest.DbCacheMiB);
        Assert.Equal(450, _dir.Options("-noincludeconf").DbCacheMiB);
    }

    [Fact]
    public void Included_files_cannot_include_again()
    {
        Conf("includeconf=a.conf\n");
        _dir.Write("a.conf", "includeconf=b.conf\n");
        _dir.Write("b.conf", "dbcache=999\n");
        var run = _dir.Run();
        Assert.Equal(450, run.Options.DbCacheMiB);
        Assert.Contains("-includeconf cannot be used from included files; ignoring -includeconf=b.conf", run.Warnings);
    }

    [Fact]
    public void A_missing_include_is_an_error()
    {
        Conf("includeconf=nothere.conf\n");
        var e = _dir.Error();
        Assert.Equal(OptionsErrorCode.ConfigFileUnreadable, e.Code);
        Assert.Equal("Error reading configuration file: Failed to include configuration file nothere.conf", e.Message);
    }

    [Fact]
    public void Unrecognized_sections_are_warned_about()
    {
        Conf("[mainnet]\ndbcache=5\n[regtest]\n");
        var run = _dir.Run();
        string conf = Path.Combine(_dir.Path, "bitcoin.conf");
        Assert.Equal([$"{conf}:1 Section [mainnet] is not recognized."], run.Warnings);
        Assert.Equal(450, run.Options.DbCacheMiB);
    }

    [Fact]
    public void Datadir_in_the_file_moves_the_data_directory()
    {
        using var other = new TempDataDir();
        Conf($"datadir={other.Path}\n");
        // The config file is found in the default data directory, which then moves.
        var o = Assert.IsType<RunNode>(OptionsParser.Parse(["-regtest"], _dir.Path)).Options;
        Assert.Equal(other.Path, o.DataDir);
        Assert.Equal(Path.Combine(other.Path, "regtest"), o.NetworkDataDir);
        Assert.Equal(_dir.Path, _dir.Options().DataDir); // the command line wins
        Conf($"datadir={Path.Combine(other.Path, "missing")}\n");
        Assert.Equal(OptionsErrorCode.DataDirMissing, Assert.IsType<ParseFailed>(OptionsParser.Parse([], _dir.Path)).Error.Code);
    }
}
