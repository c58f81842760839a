namespace Node.Options;

/// <summary>One occurrence of an option: its text, or a negation (<c>-noname</c>) when Text is null.</summary>
public readonly record struct SettingValue(string? Text)
{
    public static SettingValue Negation => new(null);
    public bool IsNegation => Text is null;

    /// <summary>Core's SettingToString: a negation reads as "0".</summary>
    public string AsString() => Text ?? "0";
}
