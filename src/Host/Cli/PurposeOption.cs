using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>The `--purpose` of a command that reads a contact's data; the gate decides the read for it.</summary>
internal static class PurposeOption
{
    /// <summary>Who the audit log names for reads from the command line.</summary>
    public const string Actor = "cli";

    public static Option<string?> Create() => new("--purpose")
    {
        Description = "What the data is read for, e.g. marketing.email; only contacts whose consent allows it. Default: crm, the business's own records (allowed unless the customer objected).",
    };
}
