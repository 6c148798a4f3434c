using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>Options every command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<DirectoryInfo> Data = new("--data")
    {
        Description = "The node's data directory (default: RAPPORT__DATA, else ./rapport-data).",
        DefaultValueFactory = _ => new DirectoryInfo(Hosting.NodeSettings.DataFromEnvironment() ?? "rapport-data"),
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable JSON output.",
        Recursive = true,
    };

    /// <summary>No colour or other escape codes (as with NO_COLOR, or when the output is not a terminal).</summary>
    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "No colours (also when NO_COLOR is set or the output is not a terminal).",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Data, Json, NoColor];
}
