using System.Runtime.InteropServices;

namespace Node.Hosting;

/// <summary>SIGTERM and SIGINT (Ctrl-C) request a graceful shutdown instead of ending the process.</summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals(CancellationTokenSource shutdown)
    {
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
        ];
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
