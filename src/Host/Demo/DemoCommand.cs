using System.CommandLine;
using System.Text.Json;
using Rapport.Host.Cli;
using Spectre.Console;

namespace Rapport.Host.Demo;

/// <summary>
/// `rapport demo`: builds a business node in a temporary data directory from the bundled sample dataset and walks
/// through the product by running the real `rapport` commands in-process, narrating each step.
/// </summary>
public static class DemoCommand
{
    private static readonly Option<bool> Keep = new("--keep")
    {
        Description = "Keep the demo's data directory instead of deleting it at the end.",
    };

    public static Command Create()
    {
        var command = new Command("demo", "Run a narrated demo on a throwaway node (temp data dir, bundled sample data).") { Keep };
        command.SetAction(async (parse, ct) =>
        {
            var root = Path.Combine(Path.GetTempPath(), $"rapport-demo-{Guid.NewGuid():N}"[..24]);
            try
            {
                return await new DemoScript(root).RunAsync(ct).ConfigureAwait(false);
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
        });
        return command;
    }

    private sealed class DemoScript(string root)
    {
        private readonly string _business = Path.Combine(root, "business");
        private int _step;

        public async Task<int> RunAsync(CancellationToken ct)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            AnsiConsole.Write(new Rule("[bold]Rapport demo[/]").LeftJustified());
            AnsiConsole.MarkupLine("A business node on embedded defaults (SQLite in a temp dir). Every step below is a real `rapport` command.");

            Step("Create the business node: database and Ed25519 identity");
            await RunAsync(ct, "init").ConfigureAwait(false);

            Step("Import the bundled sample customers (CSV, atomic, with progress)");
            var csv = Path.Combine(root, "sample-contacts.csv");
            await WriteSampleAsync(csv, ct).ConfigureAwait(false);
            await RunAsync(ct, "contacts", "import", csv).ConfigureAwait(false);
            var contacts = await JsonAsync(ct, "contacts", "list").ConfigureAwait(false);
            var ids = contacts.EnumerateArray().Select(c => (Id: c.GetProperty("id").GetString()!, Name: c.GetProperty("name").GetString()!)).ToList();
            await RunAsync(ct, "contacts", "list", "--tag", "customer").ConfigureAwait(false);

            Step("Log an interaction and show the contact's timeline");
            var (ada, bea, cy) = (ids[0], ids[1], ids[2]);
            await RunAsync(ct, "interactions", "log", "--contact", ada.Id, "--type", "call", "--summary", "Renewal call: interested in the premium plan", "--duration", "25m").ConfigureAwait(false);
            await RunAsync(ct, "interactions", "timeline", ada.Id).ConfigureAwait(false);

            Step("A sales pipeline, three deals, one moved forward, and the weighted forecast");
            await RunAsync(ct, "pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Qualified:30", "--stage", "Proposal:60", "--stage", "Won:100").ConfigureAwait(false);
            var close = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var deal = await JsonAsync(ct, "deals", "create", "--contact", ada.Id, "--pipeline", "Sales", "--title", "Premium plan", "--value", "12000.00", "--currency", "EUR", "--close", close).ConfigureAwait(false);
            await JsonAsync(ct, "deals", "create", "--contact", bea.Id, "--pipeline", "Sales", "--title", "Starter plan", "--value", "2400.00", "--currency", "EUR", "--close", close).ConfigureAwait(false);
            await JsonAsync(ct, "deals", "create", "--contact", cy.Id, "--pipeline", "Sales", "--title", "Team licences", "--value", "5000.00", "--currency", "USD").ConfigureAwait(false);
            await RunAsync(ct, "deals", "move", deal.GetProperty("id").GetString()!, "--stage", "Proposal").ConfigureAwait(false);
            await RunAsync(ct, "deals", "forecast").ConfigureAwait(false);

            Step($"Consent: {ada.Name} agreed to analytics on a web form; nobody agreed to marketing");
            await RunAsync(ct, "consent", "grant", "--contact", ada.Id, "--purpose", "analytics", "--source", "form", "--reference", "signup-form-2026", "--days", "365").ConfigureAwait(false);
            await RunAsync(ct, "consent", "show", "--contact", ada.Id).ConfigureAwait(false);

            Step("Policy decisions, with their reasons");
            await RunAsync(ct, "policy", "eval", "score_lead", "--contact", ada.Id).ConfigureAwait(false);
            await RunAsync(ct, "policy", "eval", "export_for_marketing", "--contact", ada.Id).ConfigureAwait(false);
            await RunAsync(ct, "policy", "eval", "score_lead", "--contact", bea.Id).ConfigureAwait(false);

            Step($"{ada.Name} revokes analytics; the same decision is now denied");
            await RunAsync(ct, "consent", "revoke", "--contact", ada.Id, "--purpose", "analytics").ConfigureAwait(false);
            await RunAsync(ct, "policy", "eval", "score_lead", "--contact", ada.Id).ConfigureAwait(false);

            Step("The audit log: every change and decision, hash-chained, verified");
            await RunAsync(ct, "audit", "list", "--limit", "8").ConfigureAwait(false);
            var verified = await RunAsync(ct, "audit", "verify").ConfigureAwait(false);

            AnsiConsole.Write(new Rule("[bold]Summary[/]").LeftJustified());
            AnsiConsole.MarkupLine($"{ids.Count} contacts imported, 3 deals forecast, 4 policy decisions (1 allowed, 3 denied with reasons), audit log {(verified == ExitCodes.Ok ? "[green]intact[/]" : "[red]broken[/]")}.");
            AnsiConsole.MarkupLine($"[grey]finished in {started.Elapsed.TotalSeconds:0.0} s[/]");
            return verified;
        }

        private void Step(string title)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.Write(new Rule($"[yellow]{++_step}. {Markup.Escape(title)}[/]").LeftJustified());
        }

        /// <summary>Runs one rapport command against the demo node, echoing it the way a user would type it.</summary>
        private async Task<int> RunAsync(CancellationToken ct, params string[] args)
        {
            AnsiConsole.MarkupLine($"[blue]$ rapport {Markup.Escape(string.Join(' ', args.Select(Quote)))}[/]");
            var code = await RapportCli.RunAsync([.. args, "--data", _business]).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (code != ExitCodes.Ok && args is not ["audit", "verify"])
            {
                throw new InvalidOperationException($"demo step `rapport {string.Join(' ', args)}` failed with exit code {code}");
            }

            return code;
        }

        /// <summary>Runs a command with --json without showing it, and returns its output.</summary>
        private async Task<JsonElement> JsonAsync(CancellationToken ct, params string[] args)
        {
            var original = Console.Out;
            using var captured = new StringWriter();
            Console.SetOut(captured);
            int code;
            try
            {
                code = await RapportCli.RunAsync([.. args, "--data", _business, "--json"]).ConfigureAwait(false);
            }
            finally
            {
                Console.SetOut(original);
            }

            ct.ThrowIfCancellationRequested();
            if (code != ExitCodes.Ok)
            {
                throw new InvalidOperationException($"demo step `rapport {string.Join(' ', args)}` failed with exit code {code}");
            }

            using var document = JsonDocument.Parse(captured.ToString());
            return document.RootElement.Clone();
        }

        private static async Task WriteSampleAsync(string path, CancellationToken ct)
        {
            await using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("Rapport.Host.Demo.sample-contacts.csv")
                ?? throw new InvalidOperationException("the sample dataset is missing from the build");
            await using var file = File.Create(path);
            await resource.CopyToAsync(file, ct).ConfigureAwait(false);
        }

        private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
    }
}
