using System.Collections.Immutable;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// What the churn model reads about a customer (a contact with a won deal), as of an instant: how recent, frequent
/// and reciprocal the interactions are, the customer's side of the shared record, how long the relationship has lasted,
/// the deals won and lost and what was won, open deals, and the profile. A customer who left carries the tag
/// <see cref="Tag"/>; they are described as of when they were marked (their last change), everyone else as of the
/// newest thing known about any customer in the set — so the same consented history always gives the same rows.
/// </summary>
public static class ChurnFeatures
{
    /// <summary>The tag that marks a customer who left (`rapport contacts update ID --add-tag churned`).</summary>
    public const string Tag = "churned";

    public const int RecentDays = 90;

    public static ImmutableArray<FeatureColumn> Columns { get; } =
    [
        new("days_since_interaction", ColumnKind.Numeric),
        new("interactions_90d", ColumnKind.Numeric),
        new("interactions", ColumnKind.Numeric),
        new("meetings", ColumnKind.Numeric),
        new("calls", ColumnKind.Numeric),
        new("emails_and_messages", ColumnKind.Numeric),
        new("customer_share", ColumnKind.Numeric),
        new("shared_record_updates_90d", ColumnKind.Numeric),
        new("tenure_days", ColumnKind.Numeric),
        new("deals_won", ColumnKind.Numeric),
        new("deals_lost", ColumnKind.Numeric),
        new("deals_open", ColumnKind.Numeric),
        new("value_won", ColumnKind.Numeric),
        new("days_since_won", ColumnKind.Numeric),
        new("profile_completeness", ColumnKind.Numeric),
        new("tags", ColumnKind.Numeric),
        new("custom_fields", ColumnKind.Numeric),
        new("runs_a_node", ColumnKind.Categorical),
    ];

    public static bool HasLeft(Contact contact) => contact.Tags.Values.Contains(Tag, StringComparer.Ordinal);

    /// <summary>The customers among <paramref name="histories"/> as labelled rows (left = positive), in the order given.</summary>
    public static (IReadOnlyList<IReadOnlyList<FeatureValue>> Rows, IReadOnlyList<bool> Labels) TrainingRows(IReadOnlyList<CustomerHistory> histories)
    {
        var customers = histories.Where(h => h.IsCustomer).ToList();
        var rows = new List<IReadOnlyList<FeatureValue>>(customers.Count);
        var labels = new List<bool>(customers.Count);
        if (customers.Count == 0)
        {
            return (rows, labels);
        }

        var snapshot = customers.Max(h => h.LastKnown);
        foreach (var customer in customers)
        {
            var left = HasLeft(customer.Contact);
            rows.Add(Of(customer.Contact, customer.Timeline, customer.Deals, left ? customer.Contact.UpdatedAt : snapshot));
            labels.Add(left);
        }

        return (rows, labels);
    }

    public static IReadOnlyList<FeatureValue> Of(Contact contact, IEnumerable<Interaction> timeline, IEnumerable<Deal> deals, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var past = timeline.Where(i => i.At <= at).ToList();
        var known = deals.Where(d => d.CreatedAt <= at).ToList();
        var won = known.Where(d => d.Outcome is DealWon w && w.At <= at).ToList();
        var lost = known.Count(d => d.Outcome is DealLost l && l.At <= at);
        var recent = past.Where(i => i.At > at.AddDays(-RecentDays)).ToList();
        int Count(InteractionType type) => past.Count(i => i.Type == type);

        return
        [
            past.Count == 0 ? FeatureValue.Missing : FeatureValue.Of((at - past.Max(i => i.At)).TotalDays),
            FeatureValue.Of(recent.Count),
            FeatureValue.Of(past.Count),
            FeatureValue.Of(Count(InteractionType.Meeting)),
            FeatureValue.Of(Count(InteractionType.Call)),
            FeatureValue.Of(Count(InteractionType.Email) + Count(InteractionType.Message)),
            past.Count == 0 ? FeatureValue.Missing : FeatureValue.Of(past.Count(DealFeatures.FromCustomer) / (double)past.Count),
            FeatureValue.Of(recent.Count(i => i.Type == InteractionType.PlatformEvent)),
            FeatureValue.Of(Math.Max(0, (at - contact.CreatedAt).TotalDays)),
            FeatureValue.Of(won.Count),
            FeatureValue.Of(lost),
            FeatureValue.Of(known.Count(d => d.Outcome is null || d.Outcome.At > at)),
            FeatureValue.Of((double)won.Sum(d => d.Value.Amount)),
            won.Count == 0 ? FeatureValue.Missing : FeatureValue.Of((at - won.Max(d => d.Outcome!.At)).TotalDays),
            FeatureValue.Of(LeadScoring.Completeness(contact, 1).Value),
            FeatureValue.Of(contact.Tags.Count - (HasLeft(contact) ? 1 : 0)),
            FeatureValue.Of(contact.Fields.Count),
            FeatureValue.Of(contact.PeerId is null ? "no" : "yes"),
        ];
    }
}
