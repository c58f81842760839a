using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Node.Rpc.Backends;
using Node.Rpc.Methods;
using Node.Rpc.Protocol;

namespace Node.Rpc.Http;

/// <summary>
/// bitcoind's HTTP JSON-RPC server on Kestrel: POST / with HTTP Basic authentication (cookie or
/// -rpcuser/-rpcpassword), -rpcallowip filtering, Core's status codes and reply bodies.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private const string WwwAuthenticate = "Basic realm=\"jsonrpc\"";

    private readonly WebApplication _app;
    private readonly RpcServerOptions _options;
    private readonly RpcAllowList _allowList;
    private readonly RpcAuthenticator _authenticator;
    private bool _stopped;

    private RpcServer(WebApplication app, RpcServerOptions options, RpcDispatcher dispatcher, RpcAuthenticator authenticator, string? cookiePath)
    {
        _app = app;
        _options = options;
        Dispatcher = dispatcher;
        _authenticator = authenticator;
        _allowList = new RpcAllowList(options.AllowIp);
        CookiePath = cookiePath;
    }

    public RpcDispatcher Dispatcher { get; }

    /// <summary>The .cookie file written at start (null with -rpcpassword).</summary>
    public string? CookiePath { get; }

    /// <summary>The endpoints Kestrel listens on, with the ports it chose for port 0.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; private set; } = [];

    public int Port => Endpoints[0].Port;

    /// <summary>Writes the cookie (unless a password is configured), binds and starts serving.</summary>
    public static async Task<RpcServer> StartAsync(RpcServerOptions options, RpcBackends backends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backends);
        if (options.Bind.Count == 0) throw new ArgumentException("no -rpcbind address to listen on", nameof(options));

        // As Core: without -rpcpassword the cookie is used, whatever -rpcuser says.
        string? cookiePath = null;
        RpcAuthenticator authenticator;
        if (!string.IsNullOrEmpty(options.Password))
        {
            authenticator = new RpcAuthenticator(options.User ?? "", options.Password);
        }
        else
        {
            cookiePath = Path.Combine(options.DataDirectory, options.CookieFile);
            authenticator = new RpcAuthenticator(RpcCookie.User, RpcCookie.Create(cookiePath));
        }

        var dispatcher = new RpcDispatcher(new RpcContext(backends, RpcMethods.CreateTable(), options.Clock)) { WarmupStatus = options.WarmupStatus };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            foreach (var address in options.Bind) kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        var server = new RpcServer(app, options, dispatcher, authenticator, cookiePath);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (cookiePath is not null) RpcCookie.Delete(cookiePath);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        server.Endpoints = ListeningEndpoints(app);
        return server;
    }

    private static IPEndPoint[] ListeningEndpoints(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return [.. addresses.Select(a => new Uri(a)).Select(u => new IPEndPoint(IPAddress.Parse(u.Host.Trim('[', ']')), u.Port))];
    }

    /// <summary>Stops listening, finishes requests in flight and deletes the cookie.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (CookiePath is not null) RpcCookie.Delete(CookiePath);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Core's http_request_cb then HTTPReq_JSONRPC, in their order of checks.</summary>
    internal async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!_allowList.IsAllowed(http.Connection.RemoteIpAddress))
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (request.Path != "/")
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            await response.WriteAsync("JSONRPC server handles only POST requests", http.RequestAborted).ConfigureAwait(false);
            return;
        }
        string? authorization = request.Headers.Authorization;
        if (authorization is null || !_authenticator.IsAuthorized(authorization))
        {
            // Core answers a wrong password after a pause (a missing header at once) to slow brute force.
            if (authorization is not null) await Task.Delay(_options.AuthFailureDelay, http.RequestAborted).ConfigureAwait(false);
            response.Headers.WWWAuthenticate = WwwAuthenticate;
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            response.StatusCode = e.StatusCode;
            return;
        }

        var reply = Dispatcher.Process(body);
        response.StatusCode = reply.StatusCode;
        if (reply.Body is null) return;
        response.ContentType = "application/json";
        response.ContentLength = reply.Body.Length;
        await response.Body.WriteAsync(reply.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                byte[] body = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return body;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
