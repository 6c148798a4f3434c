using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>Options every command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<DirectoryInfo> Data = new("--data")
    {
        Description = "The node's data directory.",
        DefaultValueFactory = _ => new DirectoryInfo("rapport-data"),
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable JSON output.",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Data, Json];
}
