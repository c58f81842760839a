using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Node.Demo;

/// <summary>
/// A sharpnode child process on regtest with its own data directory, P2P and RPC ports on 127.0.0.1,
/// and an RPC client. Its output is kept (the last lines are shown if it fails).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(ProcessStartInfo executable, string name, string dataDir, int rpcPort, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(executable.FileName) { UseShellExecute = false };
        foreach (string a in executable.ArgumentList) start.ArgumentList.Add(a);
        Name = name;
        DataDir = dataDir;
        RpcPort = rpcPort;
        Directory.CreateDirectory(dataDir);
        foreach (string a in new[] { "-regtest", $"-datadir={dataDir}", $"-rpcport={rpcPort}", "-printtoconsole=0" }.Concat(args))
            start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Rpc = new JsonRpcClient(rpcPort, Path.Combine(dataDir, "regtest", ".cookie"));
    }

    public string Name { get; }
    public string DataDir { get; }
    public int RpcPort { get; }
    public JsonRpcClient Rpc { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string DebugLog => Path.Combine(DataDir, "regtest", "debug.log");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static NodeProcess Start(string name, string dataDir, params string[] args) => Start(SelfStartInfo(), name, dataDir, args);

    /// <summary>Starts <paramref name="executable"/> (its file name and leading arguments) as a regtest node on <paramref name="dataDir"/>.</summary>
    public static NodeProcess Start(ProcessStartInfo executable, string name, string dataDir, params string[] args) =>
        new(executable, name, dataDir, FreePort(), args);

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var wait = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>This executable again: the apphost, or <c>dotnet sharpnode.dll</c> when run through the muxer.</summary>
    public static ProcessStartInfo SelfStartInfo()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("unknown executable path");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(NodeProcess).Assembly.Location);
        return start;
    }

    /// <summary>A port free on 127.0.0.1 right now (the OS's choice for an ephemeral bind).</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Waits until the RPC server answers (the node has imported its blocks and started).</summary>
    public async Task WaitForRpcAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Tail()}");
            try
            {
                await Rpc.CallAsync("getblockcount").ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !_process.HasExited)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not answer RPC within {patience.TotalSeconds:F0} s:\n{Tail()}");
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> BlockCountAsync() => (await Rpc.CallAsync("getblockcount").ConfigureAwait(false)).GetInt32();

    public async Task<string> BestBlockHashAsync() => (await Rpc.CallAsync("getbestblockhash").ConfigureAwait(false)).GetString()!;

    /// <summary>The peak resident set of the process so far (Linux VmHWM).</summary>
    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>Asks the node to stop through RPC and waits for it; kills it after <paramref name="patience"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        if (!_process.HasExited)
        {
            try
            {
                await Rpc.CallAsync("stop").ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
            {
            }
            using var wait = new CancellationTokenSource(patience);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        return _process.ExitCode;
    }

    public string Tail(int lines = 20)
    {
        string text = File.Exists(DebugLog) ? ReadShared(DebugLog) + Output : Output;
        return string.Join('\n', text.Split('\n').TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        Rpc.Dispose();
        _process.Dispose();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
