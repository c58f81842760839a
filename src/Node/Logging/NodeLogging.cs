using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Node.Options;

namespace Node.Logging;

/// <summary>
/// Builds the node's logger factory: Information for everything, Debug for the namespaces of the
/// <c>-debug</c> categories, lines to debug.log in the network data directory and, with
/// <c>-printtoconsole</c> (on by default, as bitcoind when not daemonized), to standard output.
/// Disposing the factory flushes and closes both.
/// </summary>
public static class NodeLogging
{
    public static ILoggerFactory Create(NodeOptions options) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Information);
        foreach (var entry in DebugCategoryNames.Entries)
        {
            if (options.Debug.HasFlag(entry.Category)) builder.AddFilter(entry.Namespace, LogLevel.Debug);
        }
        // Registered through a factory so that the container owns, and on disposal flushes, the file.
        builder.Services.AddSingleton<ILoggerProvider>(_ => new FileLoggerProvider(options.DebugLogFile));
        if (options.PrintToConsole)
        {
            builder.AddConsole(o => o.FormatterName = LogLineConsoleFormatter.FormatterName)
                .AddConsoleFormatter<LogLineConsoleFormatter, ConsoleFormatterOptions>();
        }
    });
}
