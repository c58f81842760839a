using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Node.Tests;

/// <summary>
/// Runs the built sharpnode executable (sharpnode.dll is copied beside the test assembly by the
/// project reference) as a child process, collecting its output.
/// </summary>
public sealed partial class SharpnodeProcess : IDisposable
{
    /// <summary>Generous: the machine is shared; this bounds a hang, it measures nothing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private SharpnodeProcess(string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "sharpnode.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the sharpnode build is expected beside the tests", dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string a in args) start.ArgumentList.Add(a);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static SharpnodeProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var p = Start(args);
        int code = await p.WaitForExitAsync();
        return (code, p.Stdout, p.Stderr);
    }

    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Completes when a standard-output line contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            if (_stdout.ToString().Contains(text, StringComparison.Ordinal)) return;
            _waits.Add((text, seen));
        }
        var finished = await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(Patience));
        if (finished != seen.Task) Assert.Fail($"'{text}' never appeared. stdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0) Assert.Fail($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void OnLine(StringBuilder sink, string? line)
    {
        if (line is null) return;
        lock (sink)
        {
            sink.Append(line).Append('\n');
            if (sink != _stdout) return;
            foreach (var (text, seen) in _waits)
            {
                if (line.Contains(text, StringComparison.Ordinal)) seen.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
