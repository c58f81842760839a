using System.Net;
using Microsoft.AspNetCore.Http;
using Node.Rpc.Http;

namespace Node.Rpc.Tests;

/// <summary>bitcoind's HTTP gatekeeping: cookie and -rpcuser/-rpcpassword Basic auth, 401 with the jsonrpc realm, -rpcallowip, methods and paths, body size.</summary>
public sealed class AuthenticationTests : IDisposable
{
    private const string Count = """{"method":"getblockcount","id":1}""";
    private readonly GenesisChain _chain = new();

    public void Dispose() => _chain.Dispose();

    private static Uri Url(RpcServer server) => new($"http://127.0.0.1:{server.Port}/");

    [Fact]
    public async Task The_cookie_is_written_at_start_accepted_and_deleted_at_stop()
    {
        var server = await _chain.StartAsync();
        string path = Path.Combine(_chain.DataDirectory, ".cookie");
        Assert.Equal(path, server.CookiePath);
        string cookie = await File.ReadAllTextAsync(path);
        Assert.Matches("^__cookie__:[0-9a-f]{64}$", cookie);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var ok = await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, cookie);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("{\"result\":0,\"error\":null,\"id\":1}\n", ok.Body);

        await server.StopAsync();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Each_start_writes_a_new_cookie()
    {
        var first = await _chain.StartAsync();
        string cookie1 = await File.ReadAllTextAsync(first.CookiePath!);
        await first.StopAsync();
        var second = await _chain.StartAsync();
        string cookie2 = await File.ReadAllTextAsync(second.CookiePath!);
        await second.StopAsync();
        Assert.NotEqual(cookie1, cookie2);
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_get_401_with_the_jsonrpc_realm()
    {
        await using var server = await _chain.StartAsync();
        string cookie = await File.ReadAllTextAsync(server.CookiePath!);
        foreach (string? credentials in new[] { null, "__cookie__:" + new string('0', 64), "someone:" + cookie.Split(':')[1], cookie + "x" })
        {
            var r = await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, credentials);
            Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
            Assert.Equal("Basic realm=\"jsonrpc\"", r.Headers.WwwAuthenticate.ToString());
            Assert.Equal("", r.Body);
        }
    }

    [Fact]
    public async Task Rpcuser_and_rpcpassword_replace_the_cookie()
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "alice", Password = "s3cret:with:colons" });
        Assert.Null(server.CookiePath);
        Assert.False(File.Exists(Path.Combine(_chain.DataDirectory, ".cookie")));
        Assert.Equal(HttpStatusCode.OK, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "alice:s3cret:with:colons")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "alice:s3cret")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "bob:s3cret:with:colons")).Status);
    }

    [Fact]
    public async Task A_user_without_a_password_falls_back_to_the_cookie()
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "alice" });
        string cookie = await File.ReadAllTextAsync(server.CookiePath!);
        Assert.Equal(HttpStatusCode.OK, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, cookie)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "alice:")).Status);
    }

    [Fact]
    public async Task Only_post_to_the_root_is_served()
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "u", Password = "p" });
        var get = await RawHttp.SendAsync(HttpMethod.Get, Url(server), null, "u:p");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.Equal("JSONRPC server handles only POST requests", get.Body);
        var other = await RawHttp.SendAsync(HttpMethod.Post, new Uri(Url(server), "/rest/chaininfo.json"), Count, "u:p");
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413()
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "u", Password = "p", MaxRequestBodyBytes = 1000 });
        string padded = $$"""{"method":"getblockcount","params":[],"id":"{{new string('x', 2000)}}"}""";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), padded, "u:p")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "u:p")).Status);
    }

    [Fact]
    public async Task Warmup_answers_every_call_with_minus_28()
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "u", Password = "p", WarmupStatus = "Loading block index…" });
        var r = await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "u:p");
        Assert.Equal(HttpStatusCode.InternalServerError, r.Status);
        Assert.Equal(-28, (int)r.Json["error"]!["code"]!);
        Assert.Equal("Loading block index…", (string?)r.Json["error"]!["message"]);
        server.Dispatcher.WarmupStatus = null;
        Assert.Equal(HttpStatusCode.OK, (await RawHttp.SendAsync(HttpMethod.Post, Url(server), Count, "u:p")).Status);
    }

    /// <summary>
    /// The loopback is always allowed (as in Core), and this machine can only reach the server over
    /// the loopback, so a forbidden client is exercised on the server's own request handler with a
    /// connection whose remote address is outside the allow list.
    /// </summary>
    [Theory]
    [InlineData("192.0.2.7", new string[0], 403)]
    [InlineData("192.0.2.7", new[] { "192.0.2.0/24" }, 401)]
    [InlineData("192.0.2.7", new[] { "192.0.2.0/255.255.255.0" }, 401)]
    [InlineData("192.0.2.7", new[] { "192.0.2.8" }, 403)]
    [InlineData("::ffff:192.0.2.7", new[] { "192.0.2.7" }, 401)]
    [InlineData("2001:db8::1", new[] { "2001:db8::/32" }, 401)]
    [InlineData("2001:db9::1", new[] { "2001:db8::/32" }, 403)]
    [InlineData("127.0.0.1", new string[0], 401)]
    [InlineData("127.8.9.10", new string[0], 401)]
    [InlineData("::1", new[] { "10.0.0.0/8" }, 401)]
    public async Task Rpcallowip_decides_before_authentication(string remote, string[] allowIp, int status)
    {
        await using var server = await _chain.StartAsync(new RpcServerOptions { DataDirectory = "", User = "u", Password = "p", AllowIp = allowIp, AuthFailureDelay = TimeSpan.Zero });
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Request.Method = "POST";
        http.Request.Path = "/";
        await server.HandleAsync(http);
        Assert.Equal(status, http.Response.StatusCode);
    }

    [Fact]
    public void Malformed_allowip_entries_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new RpcAllowList(["10.0.0.0/33"]));
        Assert.Contains("Invalid -rpcallowip subnet specification: 10.0.0.0/33", e.Message);
        Assert.Throws<ArgumentException>(() => new RpcAllowList(["10.0.0.0/255.0.255.0"]));
        Assert.Throws<ArgumentException>(() => new RpcAllowList(["example.com"]));
    }
}
