using System.Net;

namespace Node.Rpc.Http;

/// <summary>Core's RPC server settings (-rpcbind, -rpcport, -rpcuser, -rpcpassword, -rpccookiefile, -rpcallowip).</summary>
public sealed record RpcServerOptions
{
    /// <summary>Addresses to listen on (-rpcbind); Core's default is the loopback only.</summary>
    public IReadOnlyList<IPAddress> Bind { get; init; } = [IPAddress.Loopback];

    /// <summary>-rpcport; 0 picks a free port, reported by <see cref="RpcServer.Port"/>.</summary>
    public int Port { get; init; } = 8332;

    /// <summary>Where the .cookie file lives when no -rpcpassword is set.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>-rpccookiefile: the cookie's path, relative to <see cref="DataDirectory"/> unless absolute.</summary>
    public string CookieFile { get; init; } = ".cookie";

    /// <summary>-rpcuser and -rpcpassword: with a password set, no cookie is written and these credentials are the ones accepted.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>-rpcallowip: IPs or subnets ("1.2.3.4", "10.0.0.0/8", "10.0.0.0/255.0.0.0") allowed besides the loopback.</summary>
    public IReadOnlyList<string> AllowIp { get; init; } = [];

    /// <summary>Largest request body accepted (Core: MAX_SIZE, 32 MiB); larger bodies get HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 0x02000000;

    /// <summary>Core waits this long before answering a failed authentication, to slow password guessing.</summary>
    public TimeSpan AuthFailureDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>While set the server answers every call with -28 and this text (Core's warmup).</summary>
    public string? WarmupStatus { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
