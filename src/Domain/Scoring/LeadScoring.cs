using System.Globalization;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Domain.Scoring;

/// <summary>
/// The rule-based lead score (v2): it needs no training data. Six components, each a value from 0 to 1 weighted by the
/// business (<see cref="LeadScoreWeights"/>): how far along the pipeline the contact is, how much happened in the last
/// 30 days, how fresh the last interaction is (halving every 14 days), how complete the profile is, how engaged the
/// contact is by the kind of interaction over 90 days, and how many custom fields the business keeps. Pure: the caller
/// passes the instant, and only data the consent gate let it read.
/// </summary>
public static class LeadScoring
{
    public const int RecentDays = 30;
    public const int EngagementDays = 90;
    public const double FreshnessHalfLifeDays = 14;

    /// <summary>Interactions in the last 30 days at which recent activity is full.</summary>
    public const int FullRecentActivity = 5;

    /// <summary>Custom fields at which that component is full.</summary>
    public const int FullCustomFields = 3;

    public static LeadScore Score(Contact contact, IEnumerable<Interaction> interactions, Qualification qualification, LeadScoreWeights weights, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(weights);

        // Only what had happened at the instant scored counts.
        var past = interactions.Where(i => i.At <= at).ToList();
        IReadOnlyList<ScoreComponent> components =
        [
            QualificationOf(qualification, weights.Qualification),
            RecentActivity(past, weights.RecentActivity, at),
            Freshness(past, weights.Freshness, at),
            Completeness(contact, weights.Completeness),
            Engagement(past, weights.Engagement, at),
            CustomFieldsOf(contact, weights.CustomFields),
        ];
        return new LeadScore(components.Sum(c => c.Contribution), components, weights.Version, at);
    }

    internal static ScoreComponent QualificationOf(Qualification qualification, double weight)
    {
        var value = qualification switch
        {
            Qualification.Customer => 1.0,
            Qualification.Opportunity => 0.8,
            Qualification.Lead => 0.3,
            _ => 0.1,
        };
        return new ScoreComponent("qualification", weight, value, $"{qualification.Name()} in the pipeline");
    }

    internal static ScoreComponent RecentActivity(IReadOnlyList<Interaction> past, double weight, DateTimeOffset at)
    {
        var recent = past.Count(i => i.At > at.AddDays(-RecentDays));
        var value = Math.Min(recent / (double)FullRecentActivity, 1);
        return new ScoreComponent("recent_activity", weight, value, $"{Count(recent, "interaction")} in the last {RecentDays} days (full at {FullRecentActivity})");
    }

    internal static ScoreComponent Freshness(IReadOnlyList<Interaction> past, double weight, DateTimeOffset at)
    {
        if (past.Count == 0)
        {
            return new ScoreComponent("freshness", weight, 0, "no interaction yet");
        }

        var days = (at - past.Max(i => i.At)).TotalDays;
        var value = Math.Pow(0.5, days / FreshnessHalfLifeDays);
        return new ScoreComponent("freshness", weight, value, string.Create(CultureInfo.InvariantCulture, $"last interaction {days:0.#} days ago (halves every {FreshnessHalfLifeDays:0} days)"));
    }

    internal static ScoreComponent Completeness(Contact contact, double weight)
    {
        var present = (contact.Email is null ? 0 : 1) + (contact.Phone is null ? 0 : 1) + (contact.Company is null ? 0 : 1);
        return new ScoreComponent("profile_completeness", weight, present / 3.0, $"{present} of email, phone and company known");
    }

    internal static ScoreComponent Engagement(IReadOnlyList<Interaction> past, double weight, DateTimeOffset at)
    {
        var window = past.Where(i => i.At > at.AddDays(-EngagementDays)).ToList();
        var points = window.Sum(i => PointsFor(i.Type));
        var value = 1 - Math.Exp(-points / 10);
        var kinds = string.Join(", ", window.GroupBy(i => i.Type).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"));
        return new ScoreComponent("engagement", weight, value, string.Create(CultureInfo.InvariantCulture,
            $"{points:0.#} points in {EngagementDays} days ({(kinds.Length == 0 ? "none" : kinds)}; meeting 3, call 2, email or message 1, platform event 0.5)"));
    }

    internal static ScoreComponent CustomFieldsOf(Contact contact, double weight)
    {
        var count = contact.Fields.Count;
        return new ScoreComponent("custom_fields", weight, Math.Min(count / (double)FullCustomFields, 1), $"{Count(count, "custom field")} kept (full at {FullCustomFields})");
    }

    private static double PointsFor(InteractionType type) => type switch
    {
        InteractionType.Meeting => 3,
        InteractionType.Call => 2,
        InteractionType.Email or InteractionType.Message => 1,
        _ => 0.5,
    };

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
