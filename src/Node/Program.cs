using Node.Demo;
using Node.Hosting;
using Node.Options;

namespace Node;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["demo", .. var demoArgs]) return await RunDemoAsync(demoArgs).ConfigureAwait(false);
        switch (OptionsParser.Parse(args))
        {
            case ShowHelp help:
                Console.Out.Write(help.Text);
                return 0;
            case ShowVersion version:
                Console.Out.Write(version.Text);
                return 0;
            case ParseFailed failed:
                Console.Error.WriteLine("Error: " + failed.Error.Message);
                return 1;
            case RunNode run:
                return await RunAsync(run).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("unhandled parse outcome");
        }
    }

    private static async Task<int> RunDemoAsync(string[] args)
    {
        using var shutdown = new CancellationTokenSource();
        using var signals = new ShutdownSignals(shutdown);
        return await DemoCommand.RunAsync(args, shutdown.Token).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(RunNode run)
    {
        foreach (string warning in run.Warnings) Console.Error.WriteLine("Warning: " + warning);
        using var shutdown = new CancellationTokenSource();
        using var signals = new ShutdownSignals(shutdown);
        try
        {
            await NodeHost.RunAsync(run.Options, shutdown.Token, run.Warnings).ConfigureAwait(false);
            return 0;
        }
        catch (NodeStartupException e)
        {
            Console.Error.WriteLine("Error: " + e.Message);
            return 1;
        }
    }
}
