using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Node.Logging;

/// <summary>
/// Appends log lines to one file (debug.log). Lines are formatted on the caller's thread and
/// handed to a single writer thread through a bounded queue; when the queue is full the caller
/// waits rather than a line being lost. The writer flushes whenever the queue runs empty, and
/// disposal writes out everything queued before closing the file.
/// </summary>
public sealed class FileLoggerProvider : ILoggerProvider
{
    public const int QueueCapacity = 4096;

    private readonly BlockingCollection<string> _queue = new(QueueCapacity);
    private readonly StreamWriter _writer;
    private readonly Thread _thread;

    public FileLoggerProvider(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "debug.log writer" };
        _thread.Start();
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    internal void Enqueue(string line)
    {
        try
        {
            _queue.Add(line);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Logged after disposal: the file is closed, the line has nowhere to go.
        }
    }

    private void WriteLoop()
    {
        bool failed = false;
        foreach (string line in _queue.GetConsumingEnumerable())
        {
            // After a write error (a full disk) the queue is still drained, so that callers never block on it.
            if (failed) continue;
            try
            {
                _writer.WriteLine(line);
                if (_queue.Count == 0) _writer.Flush();
            }
            catch (IOException e)
            {
                failed = true;
                Console.Error.WriteLine($"Error: writing the debug log failed, no further lines will be written: {e.Message}");
            }
        }
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // Already reported, or nothing left that could be written.
        }
    }

    public void Dispose()
    {
        if (_queue.IsAddingCompleted) return;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            provider.Enqueue(LogLine.Format(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception), exception));
        }
    }
}
