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
        group.Subcommands.Add(Batch());
        group.Subcommands.Add(ModelCommands.Train());
        group.Subcommands.Add(ModelCommands.Predict());
        group.Subcommands.Add(ModelCommands.Models());
        return group;
    }

    private static Command Score()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var command = new Command("score", "A contact's rule-based lead score (0–100, hot/warm/cool/cold) with every component that made it.") { id };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(id));
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

            var score = scored.Value;
            if (ctx.Json)
            {
                ctx.WriteJson(LeadScoreJson.Of(contactId.Value.ToString(), score));
                return ExitCodes.Ok;
            }

            ctx.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"lead score [bold]{score.Total:0.#}[/] ({score.Class.Name()}), weights v{score.WeightsVersion}: {Markup.Escape(score.Recommendation)}"));
            var table = new Table().AddColumns("Component", "Weight", "Value", "Contribution", "Why");
            foreach (var c in score.Components)
            {
                table.AddRow(
                    c.Name, c.Weight.ToString("0.#", CultureInfo.InvariantCulture), c.Value.ToString("0.00", CultureInfo.InvariantCulture),
                    c.Contribution.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(c.Explanation));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
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

    private sealed record LeadScoreJson(string Contact, double Score, double RawScore, string Class, string Recommendation, int WeightsVersion, DateTimeOffset At, IReadOnlyList<ComponentJson> Components)
    {
        public static LeadScoreJson Of(string contact, LeadScore score) =>
            new(contact, Math.Round(score.Total, 4), score.RawTotal, score.Class.Name(), score.Recommendation, score.WeightsVersion, score.At,
                [.. score.Components.Select(c => new ComponentJson(c.Name, c.Weight, c.Value, c.Contribution, c.Explanation))]);
    }

    private sealed record ComponentJson(string Name, double Weight, double Value, double Contribution, string Explanation);
}
