using System.CommandLine;
using System.Globalization;
using Rapport.Application.Interactions;
using Rapport.Domain.Common;
using Rapport.Domain.Interactions;
using Rapport.Host.Cli.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Interactions;

/// <summary>`rapport interactions …`: log, timeline.</summary>
public static class InteractionsCommands
{
    public static Command Build()
    {
        var group = new Command("interactions", "Calls, e-mails, meetings and messages with contacts.");
        group.Subcommands.Add(Log());
        group.Subcommands.Add(Timeline());
        return group;
    }

    private static Command Log()
    {
        var contact = new Option<string>("--contact") { Required = true, Description = "Contact id." };
        var type = new Option<string>("--type") { Required = true, Description = "call, email, meeting or message." };
        var summary = new Option<string>("--summary") { Required = true, Description = "One line about what happened." };
        var details = new Option<string?>("--details") { Description = "Longer notes." };
        var at = new Option<string?>("--at") { Description = "When (ISO 8601, e.g. 2026-11-20T14:30:00+01:00; UTC when no offset). Default: now." };
        var duration = new Option<string?>("--duration") { Description = "How long, e.g. 15m, 1h30m or 00:45:00." };
        var command = new Command("log", "Log an interaction with a contact.") { contact, type, summary, details, at, duration };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(contact), "contact");
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var interactionType = InteractionTypes.Parse(ctx.Value(type));
            if (interactionType.IsFailure || interactionType.Value == InteractionType.PlatformEvent)
            {
                return ctx.Fail(new Error(InteractionErrors.TypeInvalid, $"'{ctx.Value(type)}' is not one of call, email, meeting, message", "type"));
            }

            DateTimeOffset? when = null;
            if (ctx.Parse.GetValue(at) is { } atText)
            {
                if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return ctx.Fail(new Error(InteractionErrors.AtInvalid, $"'{atText}' is not an ISO 8601 date/time (e.g. 2026-11-20T14:30:00Z)", "at"));
                }

                when = parsed;
            }

            TimeSpan? length = null;
            if (ctx.Parse.GetValue(duration) is { } durationText)
            {
                var parsed = InteractionDuration.Parse(durationText);
                if (parsed.IsFailure)
                {
                    return ctx.Fail(parsed.Error);
                }

                length = parsed.Value;
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var request = new LogInteractionRequest(contactId.Value, interactionType.Value, ctx.Value(summary), ctx.Parse.GetValue(details), when, length);
            var result = await node.Get<LogInteraction>().ExecuteAsync(request, ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(InteractionJson.Of(result.Value));
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"logged {result.Value.Type.Name()} {result.Value.Id} at {result.Value.At:O}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Timeline()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries.", DefaultValueFactory = _ => ShowTimeline.DefaultLimit };
        var purpose = PurposeOption.Create();
        var command = new Command("timeline", "A contact's interactions, newest first, if its consent allows the purpose (an audited decision).") { id, limit, purpose };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ShowTimeline>()
                .ExecuteAsync(contactId.Value, ctx.Parse.GetValue(limit), ctx.Parse.GetValue(purpose), PurposeOption.Actor, ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(result.Value.Entries.Select(InteractionJson.Of));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("When (UTC)", "Type", "Summary", "Duration", "Author");
            foreach (var i in result.Value.Entries)
            {
                table.AddRow(
                    i.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), i.Type.Name(), Markup.Escape(i.Summary),
                    i.Duration?.ToString("c", CultureInfo.InvariantCulture) ?? "-", Markup.Escape(i.Author));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record InteractionJson(string Id, string ContactId, string Type, string Summary, string? Details, DateTimeOffset At, double? DurationMinutes, string Author)
    {
        public static InteractionJson Of(Interaction i) =>
            new(i.Id.ToString(), i.ContactId.ToString(), i.Type.Name(), i.Summary, i.Details, i.At, i.Duration?.TotalMinutes, i.Author);
    }
}
