using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Rapport.Host.Cli;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Libp2p.Addressing;
using Spectre.Console;

namespace Rapport.Host.Demo;

/// <summary>
/// `rapport demo`: a business node and a customer node on loopback (temp data dirs, embedded defaults), walked through
/// the whole consent-sharing story with the real commands, each typed against the node it belongs to.
/// </summary>
internal sealed class SharingTour(string root, FileInfo? logFile = null, bool web = false)
{
    private static readonly TimeSpan SyncWait = TimeSpan.FromSeconds(15);
    private readonly string _business = Path.Combine(root, "business");
    private readonly string _customer = Path.Combine(root, "customer");
    private readonly ConcurrentQueue<string> _nodeLog = new();
    private readonly DemoConsole _console = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        AnsiConsole.Write(new Rule("[bold]Rapport demo: a business and its customer, each on their own node[/]").LeftJustified());
        AnsiConsole.MarkupLine("Two nodes on loopback with embedded defaults (SQLite and an Ed25519 identity each, in a temp dir), talking");
        AnsiConsole.MarkupLine("libp2p (Noise, Yamux). Every step is a real `rapport` command, typed on the node it belongs to.");
        TextWriter? log = null;
        try
        {
            if (logFile is not null)
            {
                try
                {
                    logFile.Directory?.Create();
                    log = TextWriter.Synchronized(new StreamWriter(logFile.FullName, append: false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"error: --log: cannot write {logFile.FullName}: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }

            return await TellAsync(started, log, ct).ConfigureAwait(false);
        }
        catch (DemoFailedException e)
        {
            AnsiConsole.MarkupLine($"[red]demo failed: {Markup.Escape(e.Message)}[/]");
            AnsiConsole.MarkupLine("[grey]last node log lines:[/]");
            foreach (var line in _nodeLog.TakeLast(30))
            {
                AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(line)}[/]");
            }

            return ExitCodes.Failure;
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<int> TellAsync(Stopwatch started, TextWriter? log, CancellationToken ct)
    {
        _console.Step("Create both nodes and start them");
        var businessPeer = (await DemoConsole.JsonAsync(_business, ct, "init").ConfigureAwait(false)).GetProperty("peerId").GetString()!;
        var customerPeer = (await DemoConsole.JsonAsync(_customer, ct, "init").ConfigureAwait(false)).GetProperty("peerId").GetString()!;
        var passphrase = web ? await SetConsolePassphraseAsync(ct).ConfigureAwait(false) : null;
        await using var business = await StartAsync(_business, "business", log, ct).ConfigureAwait(false);
        await using var customer = await StartAsync(_customer, "customer", log, ct).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"business node [bold]{businessPeer}[/] on {Markup.Escape(business.Addresses[0].ToString())}");
        AnsiConsole.MarkupLine($"customer node [bold]{customerPeer}[/] on {Markup.Escape(customer.Addresses[0].ToString())}");
        if (passphrase is not null)
        {
            PrintConsoles(business, customer, passphrase);
        }

        _console.Step("The customer keeps their profile on their own node");
        await Customer(ct, "profile", "set", "name", "Ada Lovelace").ConfigureAwait(false);
        await Customer(ct, "profile", "set", "email", "ada@analytical.example").ConfigureAwait(false);
        await Customer(ct, "profile", "set", "phone", "+44 20 7946 0018").ConfigureAwait(false);
        await Customer(ct, "profile", "set", "address.city", "London").ConfigureAwait(false);

        _console.Step("The business knows her as a platform-native contact (her peer id) and connects to her node");
        string[] add = ["contacts", "add", "--name", "Ada Lovelace", "--email", "a.lovelace@old-address.example", "--peer", customerPeer];
        DemoConsole.Show("business", add);
        var contact = await DemoConsole.JsonAsync(_business, ct, add).ConfigureAwait(false);
        var contactId = contact.GetProperty("id").GetString()!;
        DemoConsole.Say($"contact {contactId} added");
        await Business(ct, "peers", "connect", customer.Addresses[0].ToString()).ConfigureAwait(false);

        _console.Step("The business asks her to share: four fields, two purposes, 30 days");
        await Business(
            ct, "share", "request", "--contact", contactId, "--fields", "name=view,email=view,phone=view,address.city=edit",
            "--purposes", "analytics,marketing", "--days", "30", "--reason", "Keep your delivery details up to date and tailor our service").ConfigureAwait(false);

        _console.Step("She sees the request and grants part of it: no phone, analytics yes, marketing no");
        var request = await WaitForAsync(_customer, ["requests", "list", "--pending"], r => r.GetArrayLength() > 0 ? r[0] : (JsonElement?)null, "the request to arrive", ct).ConfigureAwait(false);
        await Customer(ct, "requests", "list").ConfigureAwait(false);
        await Customer(ct, "requests", "accept", request.GetProperty("id").GetString()!, "--fields", "name=view,email=view,address.city=edit", "--purposes", "analytics").ConfigureAwait(false);

        _console.Step("Sync: the business now holds what she shared, and only that");
        await WaitForFieldAsync(_business, ["shared", "show", "--contact", contactId], "email", "ada@analytical.example", ct).ConfigureAwait(false);
        await Business(ct, "shared", "show", "--contact", contactId).ConfigureAwait(false);

        _console.Step("She changes her e-mail on her node; the business sees it");
        var clock = Stopwatch.StartNew();
        await Customer(ct, "profile", "set", "email", "ada@lovelace.example").ConfigureAwait(false);
        await WaitForFieldAsync(_business, ["shared", "show", "--contact", contactId], "email", "ada@lovelace.example", ct).ConfigureAwait(false);
        DemoConsole.Say($"reached the business in {clock.ElapsedMilliseconds} ms");
        await Business(ct, "shared", "show", "--contact", contactId).ConfigureAwait(false);

        _console.Step("The business edits the one field she made editable; she sees it");
        await Business(ct, "shared", "set", "--contact", contactId, "address.city", "Cambridge").ConfigureAwait(false);
        await WaitForFieldAsync(_customer, ["shared", "show", "--peer", businessPeer], "address.city", "Cambridge", ct).ConfigureAwait(false);
        await Customer(ct, "profile", "show").ConfigureAwait(false);

        _console.Step("The business tries to edit a view-only field: refused, and audited");
        await DemoConsole.RunAsync(_business, "business", ct, ExitCodes.Usage, "shared", "set", "--contact", contactId, "email", "ada@ours.example").ConfigureAwait(false);

        _console.Step("Policy decisions now read her signed grant");
        await Business(ct, "policy", "eval", "read_shared_field", "--contact", contactId, "--field", "email").ConfigureAwait(false);
        await Business(ct, "policy", "eval", "score_lead", "--contact", contactId).ConfigureAwait(false);
        await Business(ct, "policy", "eval", "export_for_marketing", "--contact", contactId).ConfigureAwait(false);

        _console.Step("She revokes; the business purges what she shared and its audit log shows it");
        clock.Restart();
        await Customer(ct, "consent", "revoke", "--business", businessPeer).ConfigureAwait(false);
        await WaitForAsync(
            _business, ["shared", "show", "--contact", contactId],
            r => r.GetProperty("grantStatus").GetString() == "revoked" && r.GetProperty("fields").EnumerateObject().All(f => f.Name is not ("email" or "name" or "address.city")) ? r : (JsonElement?)null,
            "the revocation to be applied", ct).ConfigureAwait(false);
        var purgedIn = clock.ElapsedMilliseconds;
        DemoConsole.Say($"revoked, delivered and purged in {purgedIn} ms");
        await Business(ct, "shared", "show", "--contact", contactId).ConfigureAwait(false);
        DemoConsole.Say("the business's audit log, its latest sharing entries (from `rapport audit list --json`):");
        var latest = (await DemoConsole.JsonAsync(_business, ct, "audit", "list", "--limit", "10").ConfigureAwait(false)).EnumerateArray();
        foreach (var entry in latest.Where(e => e.GetProperty("action").GetString() is { } action && (action.StartsWith("sharing.", StringComparison.Ordinal) || action.StartsWith("consent.", StringComparison.Ordinal))))
        {
            var detail = entry.GetProperty("detail").GetString() ?? "";
            AnsiConsole.MarkupLine($"  #{entry.GetProperty("sequence").GetInt64()} [bold]{Markup.Escape(entry.GetProperty("action").GetString()!)}[/] {Markup.Escape(detail.Length > 90 ? detail[..90] + "…" : detail)}");
        }

        await Business(ct, "policy", "eval", "read_shared_field", "--contact", contactId, "--field", "email").ConfigureAwait(false);
        await Business(ct, "policy", "eval", "score_lead", "--contact", contactId).ConfigureAwait(false);
        await Business(ct, "audit", "verify").ConfigureAwait(false);
        await Customer(ct, "audit", "verify").ConfigureAwait(false);
        await Customer(ct, "consent", "list").ConfigureAwait(false);

        AnsiConsole.Write(new Rule("[bold]Summary[/]").LeftJustified());
        AnsiConsole.MarkupLine("Request → partial grant (3 of 4 fields, analytics yes, marketing no) → sync → her e-mail change reached the business →");
        AnsiConsole.MarkupLine("the business's edit of the editable field reached her → its edit of a view-only field was refused → marketing denied →");
        AnsiConsole.MarkupLine($"she revoked and the business purged her data in {purgedIn} ms; both audit logs intact, receipts signed on both sides.");
        AnsiConsole.MarkupLine($"[grey]finished in {started.Elapsed.TotalSeconds:0.0} s[/]");
        if (passphrase is not null)
        {
            PrintConsoles(business, customer, passphrase);
            AnsiConsole.MarkupLine("Both consoles stay open to look around; Ctrl-C stops the nodes.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("stopping…");
            }
        }

        return ExitCodes.Ok;
    }

    // One throwaway passphrase for both demo consoles, set on each node as `rapport web passwd` would.
    private async Task<string> SetConsolePassphraseAsync(CancellationToken ct)
    {
        var passphrase = "demo-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        foreach (var data in new[] { _business, _customer })
        {
            await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(data), ct).ConfigureAwait(false));
            var set = await node.Get<Application.Access.SetAdminPassphrase>().ExecuteAsync(passphrase, "demo", ct).ConfigureAwait(false);
            if (set.IsFailure)
            {
                throw new DemoFailedException($"the console passphrase was refused: {set.Error.Message}");
            }
        }

        return passphrase;
    }

    private static void PrintConsoles(RunningNode business, RunningNode customer, string passphrase)
    {
        AnsiConsole.MarkupLine($"business console {Markup.Escape(new Uri(business.WebConsole!, "/contacts").ToString())}");
        AnsiConsole.MarkupLine($"customer consent center {Markup.Escape(new Uri(customer.WebConsole!, "/consent-center").ToString())}");
        AnsiConsole.MarkupLine($"console passphrase (both) [bold]{Markup.Escape(passphrase)}[/]");
    }

    private Task<int> Business(CancellationToken ct, params string[] args) => DemoConsole.RunAsync(_business, "business", ct, args);

    private Task<int> Customer(CancellationToken ct, params string[] args) => DemoConsole.RunAsync(_customer, "customer", ct, args);

    private async Task<RunningNode> StartAsync(string data, string who, TextWriter? log, CancellationToken ct)
    {
        var loopback = Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value;
        void Write(string line)
        {
            _nodeLog.Enqueue($"[{who}] {line}");
            log?.WriteLine($"[{who}] {line}");
        }

        var options = new RapportNodeOptions { Grpc = "none", Web = web ? "127.0.0.1:0" : RapportNodeOptions.NoWebConsole };
        options.Listen.Add(loopback.ToString());
        var started = await RunningNode.StartAsync(new DataDirectory(data), options, null, logging => logging.AddNodeLines(Write), ct).ConfigureAwait(false);
        return started.IsSuccess ? started.Value : throw new DemoFailedException($"the {who} node did not start: {started.Error.Message}");
    }

    private Task WaitForFieldAsync(string data, string[] show, string field, string value, CancellationToken ct) =>
        WaitForAsync(data, show, r => r.GetProperty("fields").TryGetProperty(field, out var v) && v.GetString() == value ? r : (JsonElement?)null, $"{field} = {value}", ct);

    /// <summary>Polls a --json command until <paramref name="accept"/> picks something from its answer: sync is asynchronous.</summary>
    private static async Task<JsonElement> WaitForAsync(string data, string[] command, Func<JsonElement, JsonElement?> accept, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (accept(await DemoConsole.JsonAsync(data, ct, command).ConfigureAwait(false)) is { } found)
            {
                return found;
            }

            if (clock.Elapsed > SyncWait)
            {
                throw new DemoFailedException($"waited {SyncWait.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }
}
