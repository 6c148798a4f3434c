using Rapport.Host.Cli;
using Spectre.Console;

namespace Rapport.Host.Demo;

/// <summary>
/// `rapport demo crm`: one business node on a temp data dir, filled from the bundled sample dataset and walked through
/// the CRM (contacts, interactions, deals, business-collected consent, policy, audit) with the real commands.
/// </summary>
internal sealed class CrmTour(string root)
{
    private readonly string _business = Path.Combine(root, "business");
    private readonly DemoConsole _console = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        AnsiConsole.Write(new Rule("[bold]Rapport demo: the CRM of one business node[/]").LeftJustified());
        AnsiConsole.MarkupLine("A business node on embedded defaults (SQLite in a temp dir). Every step below is a real `rapport` command.");

        _console.Step("Create the business node: database and Ed25519 identity");
        await Run(ct, "init").ConfigureAwait(false);

        _console.Step("Import the bundled sample customers (CSV, atomic, with progress)");
        var csv = Path.Combine(root, "sample-contacts.csv");
        await WriteSampleAsync(csv, ct).ConfigureAwait(false);
        await Run(ct, "contacts", "import", csv).ConfigureAwait(false);
        var contacts = await DemoConsole.JsonAsync(_business, ct, "contacts", "list").ConfigureAwait(false);
        var ids = contacts.EnumerateArray().Select(c => (Id: c.GetProperty("id").GetString()!, Name: c.GetProperty("name").GetString()!)).ToList();
        await Run(ct, "contacts", "list", "--tag", "customer").ConfigureAwait(false);

        _console.Step("Log an interaction and show the contact's timeline");
        var (ada, bea, cy) = (ids[0], ids[1], ids[2]);
        await Run(ct, "interactions", "log", "--contact", ada.Id, "--type", "call", "--summary", "Renewal call: interested in the premium plan", "--duration", "25m").ConfigureAwait(false);
        await Run(ct, "interactions", "timeline", ada.Id).ConfigureAwait(false);

        _console.Step("A sales pipeline, three deals, one moved forward, and the weighted forecast");
        await Run(ct, "pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Qualified:30", "--stage", "Proposal:60", "--stage", "Won:100").ConfigureAwait(false);
        var close = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var deal = await DemoConsole.JsonAsync(_business, ct, "deals", "create", "--contact", ada.Id, "--pipeline", "Sales", "--title", "Premium plan", "--value", "12000.00", "--currency", "EUR", "--close", close).ConfigureAwait(false);
        await DemoConsole.JsonAsync(_business, ct, "deals", "create", "--contact", bea.Id, "--pipeline", "Sales", "--title", "Starter plan", "--value", "2400.00", "--currency", "EUR", "--close", close).ConfigureAwait(false);
        await DemoConsole.JsonAsync(_business, ct, "deals", "create", "--contact", cy.Id, "--pipeline", "Sales", "--title", "Team licences", "--value", "5000.00", "--currency", "USD").ConfigureAwait(false);
        await Run(ct, "deals", "move", deal.GetProperty("id").GetString()!, "--stage", "Proposal").ConfigureAwait(false);
        await Run(ct, "deals", "forecast").ConfigureAwait(false);

        _console.Step($"Consent: {ada.Name} agreed to analytics on a web form; nobody agreed to marketing");
        await Run(ct, "consent", "grant", "--contact", ada.Id, "--purpose", "analytics", "--source", "form", "--reference", "signup-form-2026", "--days", "365").ConfigureAwait(false);
        await Run(ct, "consent", "show", "--contact", ada.Id).ConfigureAwait(false);

        _console.Step("Policy decisions, with their reasons");
        await Run(ct, "policy", "eval", "score_lead", "--contact", ada.Id).ConfigureAwait(false);
        await Run(ct, "policy", "eval", "export_for_marketing", "--contact", ada.Id).ConfigureAwait(false);
        await Run(ct, "policy", "eval", "score_lead", "--contact", bea.Id).ConfigureAwait(false);

        _console.Step($"{ada.Name} revokes analytics; the same decision is now denied");
        await Run(ct, "consent", "revoke", "--contact", ada.Id, "--purpose", "analytics").ConfigureAwait(false);
        await Run(ct, "policy", "eval", "score_lead", "--contact", ada.Id).ConfigureAwait(false);

        _console.Step("The audit log: every change and decision, hash-chained, verified");
        await Run(ct, "audit", "list", "--limit", "8").ConfigureAwait(false);
        await Run(ct, "audit", "verify").ConfigureAwait(false);

        AnsiConsole.Write(new Rule("[bold]Summary[/]").LeftJustified());
        AnsiConsole.MarkupLine($"{ids.Count} contacts imported, 3 deals forecast, 4 policy decisions (1 allowed, 3 denied with reasons), audit log [green]intact[/].");
        AnsiConsole.MarkupLine($"[grey]finished in {started.Elapsed.TotalSeconds:0.0} s[/]");
        return ExitCodes.Ok;
    }

    private Task<int> Run(CancellationToken ct, params string[] args) => DemoConsole.RunAsync(_business, "business", ct, args);

    private static async Task WriteSampleAsync(string path, CancellationToken ct)
    {
        await using var resource = typeof(CrmTour).Assembly.GetManifestResourceStream("Rapport.Host.Demo.sample-contacts.csv")
            ?? throw new InvalidOperationException("the sample dataset is missing from the build");
        await using var file = File.Create(path);
        await resource.CopyToAsync(file, ct).ConfigureAwait(false);
    }
}
