using Node.Options;

namespace Node.Tests;

/// <summary>A fresh data directory under the system temp folder, removed afterwards, with parse helpers.</summary>
public sealed class TempDataDir : IDisposable
{
    public TempDataDir()
    {
        Path = Directory.CreateTempSubdirectory("sharpnode-test-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string content)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Parses with -datadir pointing here.</summary>
    public ParseOutcome Parse(params string[] args) => OptionsParser.Parse(["-datadir=" + Path, .. args], Path);

    public NodeOptions Options(params string[] args) => Run(args).Options;

    public RunNode Run(params string[] args)
    {
        var outcome = Parse(args);
        if (outcome is ParseFailed f) Assert.Fail($"unexpected error {f.Error.Code}: {f.Error.Message}");
        return Assert.IsType<RunNode>(outcome);
    }

    public OptionsError Error(params string[] args) => Assert.IsType<ParseFailed>(Parse(args)).Error;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still be closing its files; the temp folder is cleaned eventually.
        }
    }
}
