using System.Net;
using Microsoft.Extensions.Logging;
using Node.Wire;

namespace Node.Net;

internal static partial class PeerLog
{
    [LoggerMessage(LogLevel.Information, "peer={Peer} {Remote}: disconnecting, {Reason} {Detail}")]
    public static partial void Disconnecting(ILogger log, long peer, IPEndPoint remote, DisconnectReason reason, string detail);

    [LoggerMessage(LogLevel.Information, "peer={Peer} {Remote} connected ({Direction})")]
    public static partial void Connected(ILogger log, long peer, IPEndPoint remote, PeerDirection direction);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: version {Version}, services {Services:x}, agent {Agent}, height {Height}")]
    public static partial void Version(ILogger log, long peer, int version, ulong services, string agent, int height);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: dropped a message ({Error}) with command {Name}")]
    public static partial void Dropped(ILogger log, long peer, WireError error, CommandName name);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: {Command} does not decode ({Error}): {Detail}")]
    public static partial void BadPayload(ILogger log, long peer, Command command, WireError error, string detail);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: non-version message before version handshake ({Command})")]
    public static partial void BeforeVersion(ILogger log, long peer, Command command);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: redundant version message ignored")]
    public static partial void RedundantVersion(ILogger log, long peer);

    [LoggerMessage(LogLevel.Debug, "peer={Peer}: unsupported message {Command} prior to verack ignored")]
    public static partial void BeforeVerack(ILogger log, long peer, Command command);

    [LoggerMessage(LogLevel.Error, "peer={Peer}: internal error")]
    public static partial void Faulted(ILogger log, Exception error, long peer);
}
