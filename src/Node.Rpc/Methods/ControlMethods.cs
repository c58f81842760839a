using System.Text.Json;
using Node.Rpc.Backends;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>Core's control category: help (generated from the table), stop and uptime.</summary>
internal static class ControlMethods
{
    private const string Category = "control";

    public static void Register(RpcMethodTable table)
    {
        table.Add(new("help", Category, "List all commands, or get help for a specified command.",
            [Opt("command", RpcParamType.String, "The command to get help on", "all commands")],
            "\"text\"    (string) The help text",
            (c, w) => w.WriteStringValue(c.Context.Table.Help(c.GetStringOrNull(0)))));
        table.Add(new("stop", Category, "Request a graceful shutdown of sharpnode.", [],
            "\"str\"    (string) A string with the content 'sharpnode stopping'", Stop));
        table.Add(new("uptime", Category, "Returns the total uptime of the server.", [],
            "ttt    (numeric) The number of seconds that the server has been running", Uptime));
    }

    private static IControlRpcBackend Control(RpcCall call) =>
        call.Context.Backends.Control ?? throw new RpcException(RpcErrorCode.MiscError, "Error: this node has no host to control");

    private static void Stop(RpcCall call, Utf8JsonWriter w)
    {
        Control(call).RequestShutdown();
        w.WriteStringValue("sharpnode stopping");
    }

    private static void Uptime(RpcCall call, Utf8JsonWriter w)
    {
        var control = Control(call);
        w.WriteNumberValue((long)(control.Clock.GetUtcNow() - control.StartTime).TotalSeconds);
    }
}
