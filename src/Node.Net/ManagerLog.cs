using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Node.Net;

internal static partial class ManagerLog
{
    [LoggerMessage(LogLevel.Information, "Misbehaving: peer={Peer} ({Before} -> {After}): {Reason}")]
    public static partial void Misbehaving(ILogger log, long peer, int before, int after, string reason);

    [LoggerMessage(LogLevel.Warning, "not punishing {Kind} peer={Peer}")]
    public static partial void NotPunishing(ILogger log, long peer, string kind);

    [LoggerMessage(LogLevel.Information, "connection from {Remote} refused: {Reason}")]
    public static partial void Refused(ILogger log, IPEndPoint remote, DisconnectReason reason);

    [LoggerMessage(LogLevel.Warning, "accept failed: {Error}")]
    public static partial void AcceptFailed(ILogger log, SocketError error);

    [LoggerMessage(LogLevel.Information, "connecting to {Target} failed: {Error}")]
    public static partial void ConnectFailed(ILogger log, string target, string error);
}
