using System.Globalization;

namespace Node.Progress;

/// <summary>One sample of sync progress, formatted as the terminal's one-line status.</summary>
public readonly record struct ProgressLine(int Headers, int Blocks, double Percent, double BlocksPerSecond, double MegabytesPerSecond, int Peers, TimeSpan? Eta)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"headers {Headers,8}  blocks {Blocks,8}  {Percent,6:F2}%  {BlocksPerSecond,7:F1} blk/s  {MegabytesPerSecond,6:F2} MB/s  peers {Peers,3}  ETA {FormatEta(Eta)}");

    public static string FormatEta(TimeSpan? eta) => eta switch
    {
        null => "--:--:--",
        { TotalDays: >= 1 } e => e.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
        var e => e.Value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>Writes the line over the previous one on a terminal (carriage return, padded to erase leftovers).</summary>
    public void Overwrite(TextWriter terminal)
    {
        terminal.Write('\r');
        terminal.Write(Format().PadRight(110));
        terminal.Flush();
    }
}
