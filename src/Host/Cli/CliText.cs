using System.Text.RegularExpressions;

namespace Rapport.Host.Cli;

/// <summary>How the CLI words what it echoes back: long values cut, .NET type names in the user's words.</summary>
public static partial class CliText
{
    /// <summary>A value longer than this is cut when a message echoes it.</summary>
    public const int MaxEchoed = 80;

    /// <summary>Cuts every run of more than <see cref="MaxEchoed"/> characters without a space, saying how long it was.</summary>
    public static string CutLongValues(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return LongRun().Replace(message, m => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Value[..40]}… ({m.Value.Length:N0} characters)"));
    }

    /// <summary>System.CommandLine's parse errors, which name .NET types, reworded for people.</summary>
    public static string Reword(string parseError)
    {
        ArgumentNullException.ThrowIfNull(parseError);
        var cannotParse = CannotParse().Match(parseError);
        if (cannotParse.Success)
        {
            return $"{cannotParse.Groups["option"].Value}: '{cannotParse.Groups["value"].Value}' is not {Expected(cannotParse.Groups["type"].Value)}";
        }

        return parseError;
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "a date and time (ISO 8601)",
        _ when type.Contains("FileInfo", StringComparison.Ordinal) || type.Contains("DirectoryInfo", StringComparison.Ordinal) => "a path",
        _ => "a valid value",
    };

    [GeneratedRegex(@"\S{" + "81" + @",}")]
    private static partial Regex LongRun();

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
