using System.Diagnostics;
using System.Globalization;
using Node.Primitives;

namespace Node.Bench.Ibd;

/// <summary>A serving node in a child process (<see cref="ServeMode.Serve"/>); disposing it stops the node.</summary>
public sealed class ServingPeer : IDisposable
{
    private readonly Process _process;

    private ServingPeer(Process process, string address, Hash256 tip)
    {
        _process = process;
        Address = address;
        Tip = tip;
    }

    public string Address { get; }

    public Hash256 Tip { get; }

    /// <summary>Blocks the node served, known once it stopped.</summary>
    public long BlocksServed { get; private set; } = -1;

    public static ServingPeer Start(int peer, IbdSettings settings)
    {
        var process = SelfProcess.Start(["serve", peer.ToString(CultureInfo.InvariantCulture), .. settings.ToArgs()], redirectInput: true);
        try
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"serving peer {peer} exited before listening");
            var parts = line.Split(' ');
            if (parts is not ["listening", var address, var tip])
                throw new InvalidOperationException($"serving peer {peer}: unexpected output '{line}'");
            return new ServingPeer(process, address, Hash256.Parse(tip));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Closes the node's input so it stops, and reads how many blocks it served.</summary>
    public void Stop()
    {
        if (BlocksServed >= 0) return;
        _process.StandardInput.Close();
        while (_process.StandardOutput.ReadLine() is { } line)
            if (line.StartsWith("served ", StringComparison.Ordinal)) BlocksServed = long.Parse(line.AsSpan(7), CultureInfo.InvariantCulture);
        _process.WaitForExit();
        if (BlocksServed < 0) BlocksServed = 0;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) Stop();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
