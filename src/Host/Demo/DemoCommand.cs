using System.CommandLine;
using Spectre.Console;

namespace Rapport.Host.Demo;

/// <summary>
/// `rapport demo`: the consent-sharing story between a business node and a customer node; `rapport demo crm`: the CRM
/// of one business node. Both run on throwaway data dirs, deleted at the end unless --keep.
/// </summary>
public static class DemoCommand
{
    private static readonly Option<bool> Keep = new("--keep")
    {
        Description = "Keep the demo's data directories instead of deleting them at the end.",
        Recursive = true,
    };

    private static readonly Option<FileInfo?> Log = new("--log")
    {
        Description = "Write both nodes' log lines to this file (what a node logs: peer ids and event names, never personal data).",
    };

    private static readonly Option<bool> Web = new("--web")
    {
        Description = "Also serve both nodes' web consoles on loopback, print their addresses and a passphrase, and keep them open after the story until Ctrl-C.",
    };

    public static Command Create()
    {
        var command = new Command("demo", "Run a narrated demo: a business node and a customer node share, sync and revoke on loopback.") { Keep, Log, Web };
        command.SetAction((parse, ct) => RunAsync(parse, root => new SharingTour(root, parse.GetValue(Log), parse.GetValue(Web)).RunAsync(ct)));
        var crm = new Command("crm", "Run a narrated demo of one business node's CRM (contacts, deals, consent, policy, audit).");
        crm.SetAction((parse, ct) => RunAsync(parse, root => new CrmTour(root).RunAsync(ct)));
        command.Subcommands.Add(crm);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<string, Task<int>> tour)
    {
        // Short on purpose: a node's control socket path must fit in about 100 bytes.
        var root = Path.Combine(Path.GetTempPath(), $"rapport-demo-{Guid.NewGuid():N}"[..20]);
        try
        {
            return await tour(root).ConfigureAwait(false);
        }
        finally
        {
            if (parse.GetValue(Keep))
            {
                AnsiConsole.MarkupLine($"[grey]data kept in {Markup.Escape(root)}[/]");
            }
            else if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
