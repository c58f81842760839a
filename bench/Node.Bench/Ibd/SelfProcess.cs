using System.Diagnostics;
using System.Reflection;

namespace Node.Bench.Ibd;

/// <summary>
/// Starts this benchmark assembly again in another mode (serve, prepare) as a child process: through the dotnet host
/// with the entry assembly's runtime config and dependencies, so it also works from BenchmarkDotNet's generated runner.
/// </summary>
public static class SelfProcess
{
    public static Process Start(IEnumerable<string> args, bool redirectInput)
    {
        var entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly");
        var entryBase = Path.Combine(Path.GetDirectoryName(entry)!, Path.GetFileNameWithoutExtension(entry));
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        // A profiler attached to this process (dotnet-trace collect -- ...) must not make the children wait for it.
        info.Environment.Remove("DOTNET_DiagnosticPorts");
        foreach (var arg in new[] { "exec", "--runtimeconfig", entryBase + ".runtimeconfig.json", "--depsfile", entryBase + ".deps.json",
                     typeof(SelfProcess).Assembly.Location })
            info.ArgumentList.Add(arg);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
    }

    /// <summary>Runs a child to completion, echoing its output; throws when it fails.</summary>
    public static void Run(IEnumerable<string> args, TextWriter log)
    {
        using var child = Start(args, redirectInput: false);
        while (child.StandardOutput.ReadLine() is { } line) log.WriteLine(line);
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"child process failed with exit code {child.ExitCode}");
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(fromSdk) ? "dotnet" : fromSdk;
    }
}
