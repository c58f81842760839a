using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Node.Rpc.Tests.Client;

/// <summary>
/// The npm "bitcoin-core" RPC client, installed on first use into tests/Node.Rpc.Tests/.rpcclient
/// (npm install of a pinned version), run by node with Client/rpc-client.js. Installation failure
/// fails the tests that need it, with npm's output.
/// </summary>
internal static class BitcoinCoreClient
{
    public const string Package = "bitcoin-core@5.0.0";
    private static readonly Lazy<string> Module = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Install()
    {
        string prefix = Path.Combine(RepositoryRoot(), "tests", "Node.Rpc.Tests", ".rpcclient");
        string module = Path.Combine(prefix, "node_modules", "bitcoin-core");
        if (File.Exists(Path.Combine(module, "package.json"))) return module;

        Directory.CreateDirectory(prefix);
        var (code, output) = Run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", Package], null, TimeSpan.FromMinutes(5));
        if (code != 0 || !File.Exists(Path.Combine(module, "package.json")))
            throw new InvalidOperationException($"npm install {Package} failed (exit {code}); the RPC client tests need node, npm and the npm registry:\n{output}");
        return module;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Node.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>One outcome of a call: the result, or the client's error (an RPC error code, or the HTTP status).</summary>
    public sealed record Outcome(bool Ok, JsonNode? Result, int? ErrorCode, string? ErrorMessage)
    {
        public JsonNode Value => Ok ? Result! : throw new InvalidOperationException($"call failed: {ErrorCode} {ErrorMessage}");
    }

    /// <summary>A call: a method with positional arguments, a method with one object of named arguments, or a batch.</summary>
    public sealed record Call(string Method, JsonArray Params, IReadOnlyList<Call>? Batch = null)
    {
        public static Call Of(string method, params JsonNode?[] args) => new(method, new JsonArray(args));

        public static Call OfBatch(params Call[] calls) => new("", [], calls);
    }

    public static IReadOnlyList<Outcome> Run(Uri host, string user, string password, IEnumerable<Call> calls, bool namedParameters = false)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Client", "rpc-client.js");
        var request = new JsonObject
        {
            ["module"] = Module.Value,
            ["host"] = host.ToString().TrimEnd('/'),
            ["username"] = user,
            ["password"] = password,
            ["namedParameters"] = namedParameters,
            ["calls"] = new JsonArray([.. calls.Select(ToJson)]),
        };
        var (code, output) = Run("node", [script], request.ToJsonString(), TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"node {script} exited with {code}:\n{output}");
        var outcomes = JsonNode.Parse(output)!.AsArray();
        return [.. outcomes.Select(o => o!["ok"]!.GetValue<bool>()
            ? new Outcome(true, o["result"]?.DeepClone(), null, null)
            : new Outcome(false, null, o["error"]?["code"]?.GetValue<int>(), o["error"]?["message"]?.GetValue<string>()))];
    }

    private static JsonNode ToJson(Call call) => call.Batch is null
        ? new JsonObject { ["method"] = call.Method, ["params"] = call.Params.DeepClone() }
        : new JsonObject { ["batch"] = new JsonArray([.. call.Batch.Select(ToJson)]) };

    private static (int Code, string Output) Run(string file, string[] args, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}");
        }
        return (process.ExitCode, stdout.Result + (stdin is null || process.ExitCode != 0 ? stderr.Result : ""));
    }
}
