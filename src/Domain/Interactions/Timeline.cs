using Rapport.Domain.Contacts;

namespace Rapport.Domain.Interactions;

/// <summary>A contact's interactions, newest first (ties broken by id so the order is stable).</summary>
public sealed record Timeline(ContactId ContactId, IReadOnlyList<Interaction> Entries)
{
    public static Timeline Of(ContactId contactId, IEnumerable<Interaction> interactions) =>
        new(contactId, interactions.Where(i => i.ContactId == contactId)
            .OrderByDescending(i => i.At)
            .ThenByDescending(i => i.Id.Value)
            .ToList());
}
