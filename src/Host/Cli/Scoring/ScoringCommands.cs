using System.CommandLine;
using System.Globalization;
using Rapport.Application.Scoring;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Rapport.Host.Cli.Contacts;
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
        group.Subcommands.Add(TrainModelCommand.Create());
        group.Subcommands.Add(PredictCommand.Create());
        group.Subcommands.Add(ModelsCommand.Create());
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
            var scored = await node.Get<ScoreLead>().ExecuteAsync(contactId.Value, PurposeOption.Actor, ct).ConfigureAwait(false);
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
            var strength = scored.Value.Strength;
            ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"relationship strength [bold]{strength.Total:0.#}[/] of 100"));
            if (explain)
            {
                var parts = new Table().AddColumns("Component", "Weight", "Value", "Contribution", "Why");
                foreach (var c in strength.Components)
                {
                    parts.AddRow(
                        c.Name, c.Weight.ToString("0.#", CultureInfo.InvariantCulture), c.Value.ToString("0.00", CultureInfo.InvariantCulture),
                        c.Contribution.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(c.Explanation));
                }

                ctx.Console.Write(parts);
            }

            if (scored.Value.Churn is { } churn)
            {
                ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"churn risk [bold]{churn.Score.Probability:P0}[/] (model {churn.Model})"));
                if (explain && churn.Explanation is { } why)
                {
                    WriteReasons(ctx, why);
                }
            }

            WriteDeals(ctx, scored.Value.Deals, explain);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteDeals(CliContext ctx, IReadOnlyList<DealConversion> deals, bool explain)
    {
        foreach (var deal in deals)
        {
            ctx.Console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"deal {deal.Deal} ({Markup.Escape(deal.Title)}): [bold]{deal.Score.Probability:P0}[/] chance of being won (model {deal.Model})"));
            if (explain && deal.Explanation is { } explanation)
            {
                WriteReasons(ctx, explanation);
            }
        }
    }

    private static void WriteReasons(CliContext ctx, ScoreExplanation explanation)
    {
        foreach (var (direction, reasons) in new[] { ("up", explanation.ReasonsUp), ("down", explanation.ReasonsDown) })
        {
            foreach (var reason in reasons)
            {
                ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {direction,-4} {Markup.Escape(reason.Column)} = {Markup.Escape(reason.Value.ToString())}  ({reason.Amount:+0.###;-0.###})"));
            }
        }
    }

    private static Command Batch()
    {
        var command = new Command("batch", "Scores every contact who consented to analytics (one audited entry for all decisions); progress on stderr.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            static string Line(BatchProgress p) => string.Create(CultureInfo.InvariantCulture, $"scoring: {p.Decided:N0} contacts decided, {p.Scored:N0} scored");
            var useCase = node.Get<ScoreAllLeads>();
            Result<BatchScores> scored = default;
            if (!ctx.Json && !Console.IsOutputRedirected && !Console.IsErrorRedirected)
            {
                // On a terminal: one live line that counts up, instead of a line per step.
                await ctx.Console.Status().StartAsync("scoring: deciding the first contacts", async status =>
                    scored = await useCase.ExecuteAsync(PurposeOption.Actor, new SyncProgress<BatchProgress>(p => status.Status = Line(p)), ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                scored = await useCase.ExecuteAsync(PurposeOption.Actor, new SyncProgress<BatchProgress>(p => ctx.Error.WriteLine(Line(p))), ct).ConfigureAwait(false);
            }

            if (scored.IsFailure)
            {
                return ctx.Fail(scored.Error);
            }

            var leads = scored.Value.Leads.OrderByDescending(l => l.Scores.Lead.Total).ToList();
            if (ctx.Json)
            {
                ctx.WriteJson(leads.Select(l => new
                {
                    contact = l.Contact.ToString(),
                    score = Math.Round(l.Scores.Lead.Total, 4),
                    @class = l.Scores.Lead.Class.Name(),
                    weightsVersion = l.Scores.Lead.WeightsVersion,
                    strength = Math.Round(l.Scores.Strength.Total, 4),
                    churn = l.Scores.Churn?.Score.Probability,
                    deals = l.Scores.Deals.Select(d => new { deal = d.Deal.ToString(), model = d.Model.ToString(), probability = d.Score.Probability }),
                }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Class", "Contacts", "Best score");
            foreach (var band in leads.GroupBy(l => l.Scores.Lead.Class).OrderByDescending(g => g.Key))
            {
                table.AddRow(band.Key.Name(), band.Count().ToString("N0", CultureInfo.InvariantCulture), band.Max(l => l.Scores.Lead.Total).ToString("0.#", CultureInfo.InvariantCulture));
            }

            var deals = leads.Sum(l => l.Scores.Deals.Count);
            ctx.Console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{leads.Count:N0} contacts scored (only those who consented to analytics){(deals > 0 ? $", {deals:N0} open deals with their chance of being won" : "")}; {scored.Value.Cached:N0} scores kept in the score cache"));
            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record LeadScoreJson(
        string Contact, double Score, double RawScore, string Class, string Recommendation, int WeightsVersion, DateTimeOffset At,
        IReadOnlyList<ComponentJson> Components, StrengthJson Strength, IReadOnlyList<DealJson> Deals, ChurnJson? Churn)
    {
        public static LeadScoreJson Of(string contact, ScoredContact scored, bool explain)
        {
            var score = scored.Lead;
            return new(contact, Math.Round(score.Total, 4), score.RawTotal, score.Class.Name(), score.Recommendation, score.WeightsVersion, score.At,
                [.. score.Components.Select(ComponentJson.Of)],
                new StrengthJson(Math.Round(scored.Strength.Total, 4), StrengthScore.Version, [.. scored.Strength.Components.Select(ComponentJson.Of)]),
                [.. scored.Deals.Select(d => DealJson.Of(d, explain))],
                scored.Churn is { } churn ? ChurnJson.Of(churn, explain) : null);
        }
    }

    private sealed record DealJson(string Deal, string Title, string Model, double Probability, double RawScore, double? Baseline, IReadOnlyList<ContributionJson>? Contributions)
    {
        public static DealJson Of(DealConversion deal, bool explain) => new(
            deal.Deal.ToString(), deal.Title, deal.Model.ToString(), deal.Score.Probability, deal.Score.Raw,
            explain ? deal.Explanation?.Baseline : null,
            explain && deal.Explanation is { } explanation ? [.. explanation.Contributions.Select(c => new ContributionJson(c.Column, c.Value.ToString(), c.Amount))] : null);
    }

    private sealed record ChurnJson(string Model, double Probability, double RawScore, double? Baseline, IReadOnlyList<ContributionJson>? Contributions)
    {
        public static ChurnJson Of(ChurnRisk churn, bool explain) => new(
            churn.Model.ToString(), churn.Score.Probability, churn.Score.Raw,
            explain ? churn.Explanation?.Baseline : null,
            explain && churn.Explanation is { } explanation ? [.. explanation.Contributions.Select(c => new ContributionJson(c.Column, c.Value.ToString(), c.Amount))] : null);
    }

    private sealed record ContributionJson(string Column, string Value, double Contribution);

    private sealed record StrengthJson(double Score, int Version, IReadOnlyList<ComponentJson> Components);

    private sealed record ComponentJson(string Name, double Weight, double Value, double Contribution, string Explanation)
    {
        public static ComponentJson Of(ScoreComponent c) => new(c.Name, c.Weight, c.Value, c.Contribution, c.Explanation);
    }
}
