using System.Text;

namespace Node.Options;

/// <summary>The <c>-help</c> text, laid out like bitcoind's: grouped, sorted, wrapped at 79 columns.</summary>
public static class HelpText
{
    private const int ScreenWidth = 79;
    private const int OptionIndent = 2;
    private const int MessageIndent = 7;

    public static string Build()
    {
        var sb = new StringBuilder();
        sb.Append(VersionInfo.Line).Append("\n\n");
        sb.Append("Usage:  sharpnode [options]                     Start sharpnode\n\n");
        foreach (var group in Enum.GetValues<OptionGroup>())
        {
            sb.Append(Heading(group)).Append("\n\n");
            foreach (var spec in OptionTable.All.Where(o => o.Group == group && !o.Hidden).OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                sb.Append(' ', OptionIndent).Append('-').Append(spec.Name).Append(spec.ValueHint).Append('\n');
                string text = spec.Default is null ? spec.Help : $"{spec.Help} (default: {spec.Default})";
                if (spec.Repeatable) text += ". This option can be specified multiple times";
                AppendWrapped(sb, text);
                sb.Append("\n\n");
            }
        }
        return sb.ToString();
    }

    private static string Heading(OptionGroup group) => group switch
    {
        OptionGroup.General => "Options:",
        OptionGroup.Connection => "Connection options:",
        OptionGroup.Debugging => "Debugging/Testing options:",
        OptionGroup.ChainSelection => "Chain selection options:",
        OptionGroup.Rpc => "RPC server options:",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    private static void AppendWrapped(StringBuilder sb, string text)
    {
        int width = ScreenWidth - MessageIndent;
        int column = 0;
        sb.Append(' ', MessageIndent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + 1 + word.Length > width)
            {
                sb.Append('\n').Append(' ', MessageIndent);
                column = 0;
            }
            else if (column > 0)
            {
                sb.Append(' ');
                column++;
            }
            sb.Append(word);
            column += word.Length;
        }
    }
}
