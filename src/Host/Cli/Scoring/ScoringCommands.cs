using System.CommandLine;
using System.Globalization;
using Rapport.Application.Scoring;
using Rapport.Domain.Scoring;
using Rapport.Host.Cli.Contacts;
using Rapport.Host.Composition;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring …`: lead scores computed on the node, only where the contact consented to analytics.</summary>
public static class ScoringCommands
{
    public static Command Build()
    {
        var group = new Command("scoring", "Scores computed on this node: lead scores for contacts who consented to analytics (each an audited decision), and learned models with explained scores.");
        group.Subcommands.Add(Score());
        group.Subcommands.Add(Explain());
        group.Subcommands.Add(Batch());
        group.Subcommands.Add(ModelCommands.Train());
        group.Subcommands.Add(ModelCommands.Predict());
        group.Subcommands.Add(ModelCommands.Models());
        return group;
    }

    private static Command Score() => ScoreCommand(
        "score",
        "A contact's rule-based lead score (0–100, hot/warm/cool/cold) with every component that made it, and each open deal's learned chance of being won.",
        explain: false);

    private static Command Explain() => ScoreCommand(
        "explain",
        "Why a contact scores as it does: every lead-score component, and for each open deal the three reasons that pushed its learned chance most up and down.",
        explain: true);

    private static Command ScoreCommand(string name, string description, bool explain)
    {
        var contact = new Option<string>("--contact") { Required = true, Description = "The contact's id." };
        var command = new Command(name, description) { contact };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(contact), "contact");
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var weights = LeadWeightsFile.Read(node.Data);
            if (weights.IsFailure)
            {
                return ctx.Fail(weights.Error);
            }

            var scored = await new ScoreLead(node.UnitOfWork, node.Clock, node.Gate, weights.Value).ExecuteAsync(contactId.Value, PurposeOption.Actor, ct).ConfigureAwait(false);
            if (scored.IsFailure)
            {
                return ctx.Fail(scored.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(LeadScoreJson.Of(contactId.Value.ToString(), scored.Value, explain));
                return ExitCodes.Ok;
            }

            var score = scored.Value.Lead;
            ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"lead score [bold]{score.Total:0.#}[/] ({score.Class.Name()}), weights v{score.WeightsVersion}: {Markup.Escape(score.Recommendation)}"));
            var table = new Table().AddColumns("Component", "Weight", "Value", "Contribution", "Why");
            foreach (var c in score.Components)
            {
                table.AddRow(
                    c.Name, c.Weight.ToString("0.#", CultureInfo.InvariantCulture), c.Value.ToString("0.00", CultureInfo.InvariantCulture),
                    c.Contribution.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(c.Explanation));
            }

            ctx.Console.Write(table);
            WriteDeals(ctx, scored.Value.Deals, explain);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteDeals(CliContext ctx, IReadOnlyList<DealConversion> deals, bool explain)
    {
        foreach (var deal in deals)
        {
            var explanation = deal.Explanation;
            ctx.Console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"deal {deal.Deal} ({Markup.Escape(deal.Title)}): [bold]{explanation.Score.Probability:P0}[/] chance of being won (model {deal.Model})"));
            if (!explain)
            {
                continue;
            }

            foreach (var (direction, reasons) in new[] { ("up", explanation.ReasonsUp), ("down", explanation.ReasonsDown) })
            {
                foreach (var reason in reasons)
                {
                    ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {direction,-4} {Markup.Escape(reason.Column)} = {Markup.Escape(reason.Value.ToString())}  ({reason.Amount:+0.###;-0.###})"));
                }
            }
        }
    }

    private static Command Batch()
    {
        var command = new Command("batch", "Scores every contact who consented to analytics (one audited entry for all decisions); progress on stderr.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var weights = LeadWeightsFile.Read(node.Data);
            if (weights.IsFailure)
            {
                return ctx.Fail(weights.Error);
            }

            var progress = new SyncProgress<BatchProgress>(p => ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scoring: {p.Decided:N0} contacts decided, {p.Scored:N0} scored")));
            var scored = await new ScoreAllLeads(node.UnitOfWork, node.Clock, node.Gate, weights.Value).ExecuteAsync(PurposeOption.Actor, progress, ct).ConfigureAwait(false);
            if (scored.IsFailure)
            {
                return ctx.Fail(scored.Error);
            }

            var leads = scored.Value.OrderByDescending(l => l.Score.Total).ToList();
            if (ctx.Json)
            {
                ctx.WriteJson(leads.Select(l => new { contact = l.Contact.ToString(), score = Math.Round(l.Score.Total, 4), @class = l.Score.Class.Name(), weightsVersion = l.Score.WeightsVersion }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Class", "Contacts", "Best score");
            foreach (var band in leads.GroupBy(l => l.Score.Class).OrderByDescending(g => g.Key))
            {
                table.AddRow(band.Key.Name(), band.Count().ToString("N0", CultureInfo.InvariantCulture), band.Max(l => l.Score.Total).ToString("0.#", CultureInfo.InvariantCulture));
            }

            ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{leads.Count:N0} contacts scored (only those who consented to analytics)"));
            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record LeadScoreJson(
        string Contact, double Score, double RawScore, string Class, string Recommendation, int WeightsVersion, DateTimeOffset At,
        IReadOnlyList<ComponentJson> Components, IReadOnlyList<DealJson> Deals)
    {
        public static LeadScoreJson Of(string contact, ScoredContact scored, bool explain)
        {
            var score = scored.Lead;
            return new(contact, Math.Round(score.Total, 4), score.RawTotal, score.Class.Name(), score.Recommendation, score.WeightsVersion, score.At,
                [.. score.Components.Select(c => new ComponentJson(c.Name, c.Weight, c.Value, c.Contribution, c.Explanation))],
                [.. scored.Deals.Select(d => DealJson.Of(d, explain))]);
        }
    }

    private sealed record DealJson(string Deal, string Title, string Model, double Probability, double RawScore, double? Baseline, IReadOnlyList<ContributionJson>? Contributions)
    {
        public static DealJson Of(DealConversion deal, bool explain) => new(
            deal.Deal.ToString(), deal.Title, deal.Model.ToString(), deal.Explanation.Score.Probability, deal.Explanation.Score.Raw,
            explain ? deal.Explanation.Baseline : null,
            explain ? [.. deal.Explanation.Contributions.Select(c => new ContributionJson(c.Column, c.Value.ToString(), c.Amount))] : null);
    }

    private sealed record ContributionJson(string Column, string Value, double Contribution);

    private sealed record ComponentJson(string Name, double Weight, double Value, double Contribution, string Explanation);
}
