using System.CommandLine;
using System.Globalization;
using Rapport.Application.Pipeline;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;
using Rapport.Host.Cli.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Pipeline;

/// <summary>`rapport deals …`: create, move, won, lost, list, forecast.</summary>
public static class DealsCommands
{
    public static Command Build()
    {
        var group = new Command("deals", "Deals moving through pipelines.");
        group.Subcommands.Add(Create());
        group.Subcommands.Add(Move());
        group.Subcommands.Add(Won());
        group.Subcommands.Add(Lost());
        group.Subcommands.Add(List());
        group.Subcommands.Add(Forecast());
        return group;
    }

    private static Result<DealId> ParseId(string? text) =>
        DealId.TryParse(text, out var id) ? id : new Error(DealErrors.IdInvalid, $"'{text}' is not a deal id (32 hex digits)", "id");

    private static Command Create()
    {
        var contact = new Option<string>("--contact") { Required = true, Description = "Contact id." };
        var pipeline = new Option<string>("--pipeline") { Required = true, Description = "Pipeline name or id." };
        var title = new Option<string>("--title") { Required = true };
        var value = new Option<string>("--value") { Required = true, Description = "Amount, e.g. 1200.50." };
        var currency = new Option<string>("--currency") { Required = true, Description = "ISO 4217 code, e.g. EUR." };
        var close = new Option<string?>("--close") { Description = "Expected close date, yyyy-MM-dd." };
        var command = new Command("create", "Open a deal in the pipeline's first stage.") { contact, pipeline, title, value, currency, close };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(contact), "contact");
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var request = new CreateDealRequest(contactId.Value, ctx.Value(pipeline), ctx.Value(title), ctx.Value(value), ctx.Value(currency), ctx.Parse.GetValue(close));
            var result = await node.Get<CreateDeal>().ExecuteAsync(request, cancellationToken: ct).ConfigureAwait(false);
            return Report(ctx, result, d => $"created deal {d.Id} in stage {d.Stage} ({d.Value})");
        });
        return command;
    }

    private static Command Move()
    {
        var id = new Argument<string>("ID") { Description = "Deal id." };
        var stage = new Option<string>("--stage") { Required = true, Description = "Target stage name." };
        var command = new Command("move", "Move a deal to another stage.") { id, stage };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var dealId = ParseId(ctx.Value(id));
            if (dealId.IsFailure)
            {
                return ctx.Fail(dealId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<MoveDeal>().ExecuteAsync(dealId.Value, ctx.Value(stage), cancellationToken: ct).ConfigureAwait(false);
            return Report(ctx, result, d => $"deal {d.Id} moved to {d.Stage}");
        });
        return command;
    }

    private static Command Won()
    {
        var id = new Argument<string>("ID") { Description = "Deal id." };
        var command = new Command("won", "Mark a deal as won.") { id };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var dealId = ParseId(ctx.Value(id));
            if (dealId.IsFailure)
            {
                return ctx.Fail(dealId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<WinDeal>().ExecuteAsync(dealId.Value, cancellationToken: ct).ConfigureAwait(false);
            return Report(ctx, result, d => $"deal {d.Id} won ({d.Value})");
        });
        return command;
    }

    private static Command Lost()
    {
        var id = new Argument<string>("ID") { Description = "Deal id." };
        var reason = new Option<string>("--reason") { Required = true, Description = "Why it was lost." };
        var command = new Command("lost", "Mark a deal as lost.") { id, reason };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var dealId = ParseId(ctx.Value(id));
            if (dealId.IsFailure)
            {
                return ctx.Fail(dealId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<LoseDeal>().ExecuteAsync(dealId.Value, ctx.Value(reason), cancellationToken: ct).ConfigureAwait(false);
            return Report(ctx, result, d => $"deal {d.Id} lost");
        });
        return command;
    }

    private static Command List()
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "Only deals of this pipeline (name or id)." };
        var stage = new Option<string?>("--stage") { Description = "Only deals in this stage." };
        var command = new Command("list", "List deals.") { pipeline, stage };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ListDeals>().ExecuteAsync(ctx.Parse.GetValue(pipeline), ctx.Parse.GetValue(stage), ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(result.Value.Select(DealJson.Of));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Title", "Contact", "Stage", "Status", "Value", "Expected close");
            foreach (var d in result.Value)
            {
                table.AddRow(
                    d.Id.ToString(), Markup.Escape(d.Title), d.ContactId.ToString(), Markup.Escape(d.Stage), d.Status.ToString().ToLowerInvariant(),
                    d.Value.ToString(), d.ExpectedClose?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-");
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Forecast()
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "Only this pipeline (name or id)." };
        var command = new Command("forecast", "Weighted forecast of open deals per pipeline, month and currency.") { pipeline };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ForecastDeals>().ExecuteAsync(ctx.Parse.GetValue(pipeline), ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            var names = result.Value.Pipelines.ToDictionary(p => p.Id, p => p.Name);
            if (ctx.Json)
            {
                ctx.WriteJson(result.Value.Lines.Select(l => new
                {
                    pipeline = names[l.PipelineId],
                    month = l.Month?.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    currency = l.Currency.Code,
                    deals = l.Deals,
                    total = l.Total.Amount,
                    weighted = l.Weighted.Amount,
                }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Pipeline", "Month", "Currency", "Deals", "Total", "Weighted");
            foreach (var l in result.Value.Lines)
            {
                table.AddRow(
                    Markup.Escape(names[l.PipelineId]), l.Month?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "no date", l.Currency.Code,
                    l.Deals.ToString(CultureInfo.InvariantCulture), l.Total.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                    l.Weighted.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Report(CliContext ctx, Result<Deal> result, Func<Deal, string> message)
    {
        if (result.IsFailure)
        {
            return ctx.Fail(result.Error);
        }

        if (ctx.Json)
        {
            ctx.WriteJson(DealJson.Of(result.Value));
        }
        else
        {
            ctx.Console.WriteLine(message(result.Value));
        }

        return ExitCodes.Ok;
    }
}
