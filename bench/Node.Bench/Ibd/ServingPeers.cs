using System.Diagnostics;
using System.Globalization;
using Node.Primitives;

namespace Node.Bench.Ibd;

/// <summary>
/// The serving nodes of a run, all in one child process (<see cref="ServeMode.Serve"/>): one runtime beside the
/// measured node rather than one per peer. Disposing it stops the child, or kills it if it does not stop.
/// </summary>
public sealed class ServingPeers : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private long[]? _blocksServed;

    private ServingPeers(Process process, string[] addresses)
    {
        _process = process;
        Addresses = addresses;
    }

    /// <summary>Where each node listens, in peer order.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Blocks each node served, known once they stopped (<see cref="Stop"/>).</summary>
    public IReadOnlyList<long> BlocksServed => _blocksServed ?? throw new InvalidOperationException("the serving peers have not stopped");

    /// <summary>Starts <see cref="IbdSettings.Peers"/> nodes and checks each holds the chain up to <paramref name="expectedTip"/>.</summary>
    public static ServingPeers Start(IbdSettings settings, Hash256 expectedTip)
    {
        var process = SelfProcess.Start(["serve", settings.Peers.ToString(CultureInfo.InvariantCulture), .. settings.ToArgs()], redirectInput: true);
        try
        {
            var addresses = new string[settings.Peers];
            for (int peer = 0; peer < addresses.Length; peer++)
            {
                var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"the serving process exited before peer {peer} listened");
                if (line.Split(' ') is not ["listening", var address, var tip])
                    throw new InvalidOperationException($"serving peer {peer}: unexpected output '{line}'");
                if (Hash256.Parse(tip) != expectedTip)
                    throw new IbdCheckException($"serving peer {address} has tip {tip}, the chain ends at {expectedTip}");
                addresses[peer] = address;
            }
            return new ServingPeers(process, addresses);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Closes the child's input so its nodes stop, and reads how many blocks each served.</summary>
    public void Stop()
    {
        if (_blocksServed is not null) return;
        var served = new long[Addresses.Count];
        Array.Fill(served, -1);
        _process.StandardInput.Close();
        while (_process.StandardOutput.ReadLine() is { } line)
            if (line.Split(' ') is ["served", var peer, var blocks] && int.TryParse(peer, CultureInfo.InvariantCulture, out int k) && (uint)k < served.Length)
                served[k] = long.Parse(blocks, CultureInfo.InvariantCulture);
        _process.WaitForExit();
        if (_process.ExitCode != 0 || served.Contains(-1))
            throw new InvalidOperationException($"the serving process exited with code {_process.ExitCode}, blocks served: {string.Join(" / ", served)}");
        _blocksServed = served;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                _process.WaitForExit(StopTimeout);
            }
        }
        finally
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
