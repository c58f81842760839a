using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Node.Logging;

/// <summary>Writes console lines in the same form as debug.log.</summary>
public sealed class LogLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "sharpnode";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        textWriter.Write(LogLine.Format(DateTimeOffset.UtcNow, logEntry.LogLevel, logEntry.Category, message, logEntry.Exception));
        textWriter.Write('\n');
    }
}
