using System.CommandLine;
using System.Globalization;
using Rapport.Application.Scoring;
using Rapport.Domain.Scoring;
using Rapport.Host.Cli.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring …`: lead scores computed on the node, only where the contact consented to analytics.</summary>
public static class ScoringCommands
{
    public static Command Build()
    {
        var group = new Command("scoring", "Lead scores computed on this node, only for contacts who consented to analytics (each an audited decision).");
        group.Subcommands.Add(Score());
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
            var scored = await new ScoreLead(node.UnitOfWork, node.Clock, node.Gate).ExecuteAsync(contactId.Value, PurposeOption.Actor, ct).ConfigureAwait(false);
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

    private sealed record LeadScoreJson(string Contact, double Score, double RawScore, string Class, string Recommendation, int WeightsVersion, DateTimeOffset At, IReadOnlyList<ComponentJson> Components)
    {
        public static LeadScoreJson Of(string contact, LeadScore score) =>
            new(contact, Math.Round(score.Total, 4), score.RawTotal, score.Class.Name(), score.Recommendation, score.WeightsVersion, score.At,
                [.. score.Components.Select(c => new ComponentJson(c.Name, c.Weight, c.Value, c.Contribution, c.Explanation))]);
    }

    private sealed record ComponentJson(string Name, double Weight, double Value, double Contribution, string Explanation);
}
