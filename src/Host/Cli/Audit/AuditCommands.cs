using System.CommandLine;
using System.Globalization;
using Rapport.Application.Audit.Query;
using Rapport.Application.Audit.Verify;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Host.Cli.Consent;
using Spectre.Console;

namespace Rapport.Host.Cli.Audit;

/// <summary>`rapport audit verify|list`.</summary>
public static class AuditCommands
{
    public static Command Build()
    {
        var audit = new Command("audit", "Verify and read the tamper-evident audit log.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(List());
        return audit;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Re-compute the audit hash chain; exit 1 naming the first broken entry if it was tampered with.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            // Opened without the head check: verify reports a log that ends before its signed head itself, with the position.
            var node = await ctx.OpenNodeAsync(ct, checkAuditHead: false).ConfigureAwait(false);
            var progress = new Progress(ctx);
            var result = await node.Get<VerifyAuditLog>().ExecuteAsync(progress, ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                if (ctx.Json)
                {
                    ctx.WriteJson(new { intact = false, position = long.Parse(result.Error.Field!, CultureInfo.InvariantCulture), problem = result.Error.Code.Value, message = result.Error.Message });
                }

                ctx.Error.WriteLine(result.Error.Message);
                return ExitCodes.Failure;
            }

            if (result.Value.Note is { } note)
            {
                ctx.Error.WriteLine(note);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { intact = true, entries = result.Value.Entries, headHash = result.Value.HeadHash, note = result.Value.Note });
            }
            else
            {
                System.Console.Out.WriteLine($"audit log intact: {result.Value.Entries} entries, head {result.Value.HeadHash}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var since = new Option<string?>("--since") { Description = "Only entries at or after this time (ISO 8601)." };
        var contact = new Option<string?>("--contact") { Description = "Only entries about this contact." };
        var limit = new Option<int>("--limit") { Description = "At most this many (the latest), 1-10000.", DefaultValueFactory = _ => 50 };
        var before = new Option<long?>("--before") { Description = "Only entries older than the one numbered so (#): the page before a list's first line.", HelpName = "#" };
        var command = new Command("list", "List audit entries, oldest first.") { since, contact, limit, before };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var from = CliInput.Instant(ctx.Parse.GetValue(since), "since");
            if (from.IsFailure)
            {
                return ctx.Fail(from.Error);
            }

            ContactId? about = null;
            if (ctx.Parse.GetValue(contact) is { } contactText)
            {
                var id = CliInput.Contact(contactText);
                if (id.IsFailure)
                {
                    return ctx.Fail(id.Error);
                }

                about = id.Value;
            }

            if (ctx.Parse.GetValue(before) is < 1)
            {
                return ctx.Fail(new Error(CliErrors.InvalidArguments, "--before: an entry number (#) is 1 or more", "before"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<QueryAuditLog>().ExecuteAsync(
                new AuditLogQuery(from.Value, about, ctx.Value(limit)) { BeforeSequence = ctx.Parse.GetValue(before) }, ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var entries))
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(entries.Select(e => new
                {
                    sequence = e.Sequence,
                    at = e.Event.At,
                    actor = e.Event.Actor,
                    action = e.Event.Action,
                    subject = e.Event.Subject,
                    contact = e.Event.ContactId,
                    detail = e.Event.Detail,
                    decision = about is { } id && e.Event.Action == PolicyAuditEvents.DecidedMany ? PolicyAuditEvents.DecisionOf(e.Event, id.ToString()) : null,
                    hash = e.Hash,
                }).ToList());
                return ExitCodes.Ok;
            }

            var console = CliInput.Out();
            if (entries.Count == 0)
            {
                console.WriteLine("no audit entries match");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("#", "at", "actor", "action", "contact", "detail");
            foreach (var e in entries)
            {
                table.AddRow(
                    e.Sequence.ToString(CultureInfo.InvariantCulture), CliInput.Format(e.Event.At), Markup.Escape(e.Event.Actor),
                    Markup.Escape(e.Event.Action), Markup.Escape(about?.ToString() ?? e.Event.ContactId ?? "-"), Markup.Escape(Shown(e.Event, about)));
            }

            console.Write(table);
            if (entries.Count == ctx.Value(limit) && entries[0].Sequence > 1)
            {
                console.WriteLine($"older entries: rapport audit list --before {entries[0].Sequence.ToString(CultureInfo.InvariantCulture)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// What a table shows of an entry: for an entry about many contacts, the line of the contact asked about, or the
    /// header alone (its contacts are listed with --json or --contact); any other entry in full.
    /// </summary>
    private static string Shown(AuditEvent entry, ContactId? about)
    {
        if (entry.Action != PolicyAuditEvents.DecidedMany)
        {
            return entry.Detail;
        }

        return about is { } id && PolicyAuditEvents.DecisionOf(entry, id.ToString()) is { } decision
            ? decision
            : entry.Detail.Split('\n')[0];
    }

    /// <summary>Prints progress on long logs to stderr (stdout stays clean for --json).</summary>
    private sealed class Progress(CliContext ctx) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value)
        {
            if (value.Total >= VerifyAuditLog.ProgressInterval && !ctx.Json)
            {
                ctx.Error.WriteLine($"verified {value.Checked}/{value.Total} entries");
            }
        }
    }
}
