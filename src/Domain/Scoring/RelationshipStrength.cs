using System.Globalization;
using Rapport.Domain.Interactions;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Domain.Scoring;

/// <summary>
/// How strong a relationship is, 0–100, from its interaction timeline and its shared record: how recent the last
/// interaction is (halving every 30 days), how frequent they are (90 days), how reciprocal (both sides start them:
/// the customer's node or a peer, against the business's own logging; 180 days), how recently both sides wrote to the
/// shared record (each side halving every 30 days), and how long the relationship has lasted. Each component is
/// explained; pure: the caller passes the instant.
/// </summary>
public static class RelationshipStrength
{
    public const double RecencyHalfLifeDays = 30;
    public const int FrequencyDays = 90;
    public const int ReciprocityDays = 180;
    public const double SharedHalfLifeDays = 30;
    public const int FullTenureDays = 730;

    /// <param name="shared">When each side last wrote to the relationship's shared record; null when there is none.</param>
    public static StrengthScore Score(IEnumerable<Interaction> timeline, DateTimeOffset at, SharedRecordActivity? shared = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var past = timeline.Where(i => i.At <= at).ToList();
        IReadOnlyList<ScoreComponent> components =
        [
            Recency(past, at),
            Frequency(past, at),
            Reciprocity(past, at),
            SharedRecord(shared, at),
            Tenure(past, at),
        ];
        return new StrengthScore(components.Sum(c => c.Contribution), components, at);
    }

    internal static ScoreComponent Recency(IReadOnlyList<Interaction> past, DateTimeOffset at)
    {
        if (past.Count == 0)
        {
            return new ScoreComponent("recency", 30, 0, "no interaction yet");
        }

        var days = (at - past.Max(i => i.At)).TotalDays;
        return new ScoreComponent("recency", 30, Math.Pow(0.5, days / RecencyHalfLifeDays),
            string.Create(CultureInfo.InvariantCulture, $"last interaction {days:0.#} days ago (halves every {RecencyHalfLifeDays:0} days)"));
    }

    internal static ScoreComponent Frequency(IReadOnlyList<Interaction> past, DateTimeOffset at)
    {
        var count = past.Count(i => i.At > at.AddDays(-FrequencyDays));
        return new ScoreComponent("frequency", 25, 1 - Math.Exp(-count / 6.0),
            string.Create(CultureInfo.InvariantCulture, $"{count} interaction(s) in {FrequencyDays} days"));
    }

    internal static ScoreComponent Reciprocity(IReadOnlyList<Interaction> past, DateTimeOffset at)
    {
        var window = past.Where(i => i.At > at.AddDays(-ReciprocityDays)).ToList();
        var customer = window.Count(DealFeatures.FromCustomer);
        var business = window.Count - customer;
        var value = window.Count == 0 ? 0 : 2.0 * Math.Min(customer, business) / window.Count;
        return new ScoreComponent("reciprocity", 20, value,
            string.Create(CultureInfo.InvariantCulture, $"{customer} started by the customer's side, {business} by the business, in {ReciprocityDays} days (full when even)"));
    }

    internal static ScoreComponent SharedRecord(SharedRecordActivity? shared, DateTimeOffset at)
    {
        if (shared is null)
        {
            return new ScoreComponent("shared_record", 15, 0, "no shared record (the customer runs no node, or has not connected)");
        }

        double Fresh(DateTimeOffset? last) => last is { } l ? Math.Pow(0.5, Math.Max(0, (at - l).TotalDays) / SharedHalfLifeDays) : 0;
        string Ago(DateTimeOffset? last) => last is { } l ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (at - l).TotalDays):0.#} days ago") : "never";
        return new ScoreComponent("shared_record", 15, (Fresh(shared.BusinessLastWrite) + Fresh(shared.CustomerLastWrite)) / 2,
            $"the business last wrote {Ago(shared.BusinessLastWrite)}, the customer {Ago(shared.CustomerLastWrite)} (each halves every {SharedHalfLifeDays:0} days; full when both just wrote)");
    }

    internal static ScoreComponent Tenure(IReadOnlyList<Interaction> past, DateTimeOffset at)
    {
        if (past.Count == 0)
        {
            return new ScoreComponent("tenure", 10, 0, "no interaction yet");
        }

        var days = (at - past.Min(i => i.At)).TotalDays;
        return new ScoreComponent("tenure", 10, Math.Min(days / FullTenureDays, 1),
            string.Create(CultureInfo.InvariantCulture, $"first interaction {days:0} days ago (full at {FullTenureDays})"));
    }
}
