using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>What the node knows of one contact for learning: the contact, its interaction timeline and its deals.</summary>
public sealed record CustomerHistory(Contact Contact, IReadOnlyList<Interaction> Timeline, IReadOnlyList<Deal> Deals)
{
    /// <summary>A customer: a contact with at least one won deal.</summary>
    public bool IsCustomer => Deals.Any(d => d.Status == DealStatus.Won);

    /// <summary>The newest thing known about the contact: its last change, interaction or deal event.</summary>
    public DateTimeOffset LastKnown =>
        new[] { Contact.UpdatedAt }
            .Concat(Timeline.Select(i => i.At))
            .Concat(Deals.SelectMany(d => d.History.Select(h => h.EnteredAt)))
            .Concat(Deals.Where(d => d.Outcome is not null).Select(d => d.Outcome!.At))
            .Max();
}
