using System.Collections.Immutable;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// What the conversion model reads about a deal, as of an instant: the deal itself (value, currency, age, stage moves),
/// the contact's history before that instant (interactions by kind, recent activity, how long since the last one, the
/// share the customer's side started, deals won and lost before this one) and the profile (completeness, tags, custom
/// fields, whether the customer runs a node). For a closed deal the instant is its close, so the model learns from
/// what was known then; an open deal is scored as of now. No identifier or free text is a feature: the rows are
/// pseudonymous.
/// </summary>
public static class DealFeatures
{
    public const int RecentDays = 30;

    public static ImmutableArray<FeatureColumn> Columns { get; } =
    [
        new("deal_value", ColumnKind.Numeric),
        new("currency", ColumnKind.Categorical),
        new("deal_age_days", ColumnKind.Numeric),
        new("stage_moves", ColumnKind.Numeric),
        new("interactions", ColumnKind.Numeric),
        new("calls", ColumnKind.Numeric),
        new("emails", ColumnKind.Numeric),
        new("meetings", ColumnKind.Numeric),
        new("messages", ColumnKind.Numeric),
        new("platform_events", ColumnKind.Numeric),
        new("interactions_30d", ColumnKind.Numeric),
        new("days_since_interaction", ColumnKind.Numeric),
        new("customer_share", ColumnKind.Numeric),
        new("deals_won_before", ColumnKind.Numeric),
        new("deals_lost_before", ColumnKind.Numeric),
        new("profile_completeness", ColumnKind.Numeric),
        new("tags", ColumnKind.Numeric),
        new("custom_fields", ColumnKind.Numeric),
        new("runs_a_node", ColumnKind.Categorical),
    ];

    /// <summary>The instant a deal is described at: its close, or <paramref name="now"/> while it is open.</summary>
    public static DateTimeOffset InstantOf(Deal deal, DateTimeOffset now) => deal.Outcome?.At ?? now;

    /// <param name="timeline">The contact's interactions (any order; those after <paramref name="at"/> are ignored).</param>
    /// <param name="contactDeals">All the contact's deals (this one among them is ignored).</param>
    public static IReadOnlyList<FeatureValue> Of(Deal deal, Contact contact, IEnumerable<Interaction> timeline, IEnumerable<Deal> contactDeals, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(contact);
        var past = timeline.Where(i => i.At <= at).ToList();
        var before = contactDeals.Where(d => d.Id != deal.Id && d.Outcome is { } o && o.At <= deal.CreatedAt).ToList();
        var last = past.Count == 0 ? (DateTimeOffset?)null : past.Max(i => i.At);
        int Count(InteractionType type) => past.Count(i => i.Type == type);

        return
        [
            FeatureValue.Of((double)deal.Value.Amount),
            FeatureValue.Of(deal.Value.Currency.Code),
            FeatureValue.Of(Math.Max(0, (at - deal.CreatedAt).TotalDays)),
            FeatureValue.Of(deal.History.Count(e => e.EnteredAt <= at) - 1),
            FeatureValue.Of(past.Count),
            FeatureValue.Of(Count(InteractionType.Call)),
            FeatureValue.Of(Count(InteractionType.Email)),
            FeatureValue.Of(Count(InteractionType.Meeting)),
            FeatureValue.Of(Count(InteractionType.Message)),
            FeatureValue.Of(Count(InteractionType.PlatformEvent)),
            FeatureValue.Of(past.Count(i => i.At > at.AddDays(-RecentDays))),
            last is { } l ? FeatureValue.Of((at - l).TotalDays) : FeatureValue.Missing,
            past.Count == 0 ? FeatureValue.Missing : FeatureValue.Of(past.Count(FromCustomer) / (double)past.Count),
            FeatureValue.Of(before.Count(d => d.Status == DealStatus.Won)),
            FeatureValue.Of(before.Count(d => d.Status == DealStatus.Lost)),
            FeatureValue.Of(LeadScoring.Completeness(contact, 1).Value),
            FeatureValue.Of(contact.Tags.Count),
            FeatureValue.Of(contact.Fields.Count),
            FeatureValue.Of(contact.PeerId is null ? "no" : "yes"),
        ];
    }

    /// <summary>Every closed deal of a contact as a labelled row (won = positive), described as of its close, in creation order.</summary>
    public static IEnumerable<(IReadOnlyList<FeatureValue> Row, bool Won)> TrainingRows(CustomerHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Deals
            .Where(d => d.Outcome is not null)
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Id.Value)
            .Select(d => (Of(d, history.Contact, history.Timeline, history.Deals, d.Outcome!.At), d.Status == DealStatus.Won));
    }

    /// <summary>Whether the customer's side started an interaction: their node reported it, or a peer logged it.</summary>
    public static bool FromCustomer(Interaction interaction) =>
        interaction.Type == InteractionType.PlatformEvent || interaction.Author.StartsWith("peer:", StringComparison.Ordinal);
}
