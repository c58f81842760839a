using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Node.Logging;

/// <summary>
/// One log line as Bitcoin Core writes it: <c>2026-11-26T15:00:00Z message</c>, with Core's
/// prefixes — <c>[net]</c> for a category's debug line, <c>[warning]</c>, <c>[error]</c>.
/// </summary>
public static class LogLine
{
    public static string Format(DateTimeOffset time, LogLevel level, string category, string message, Exception? exception)
    {
        var sb = new StringBuilder(32 + message.Length);
        sb.Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(' ');
        string? prefix = level switch
        {
            LogLevel.Trace => $"[{DebugCategoryNames.ShortNameOf(category) ?? "all"}:trace] ",
            LogLevel.Debug => $"[{DebugCategoryNames.ShortNameOf(category) ?? "all"}] ",
            LogLevel.Warning => "[warning] ",
            LogLevel.Error or LogLevel.Critical => "[error] ",
            _ => null,
        };
        sb.Append(prefix).Append(message);
        if (exception is not null) sb.Append(": ").Append(exception);
        return sb.ToString();
    }
}
