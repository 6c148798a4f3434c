using Rapport.Domain.Consent;

namespace Rapport.Application.Contacts;

/// <summary>
/// One page of the contact list in <see cref="Order"/>, starting after <paramref name="After"/>. When
/// <paramref name="ConsentedTo"/> is set the store returns only contacts holding a consent record for that purpose
/// or one of its ancestors (the candidates); whether that consent allows the purpose now is the gate's to decide.
/// </summary>
public sealed record ContactPageQuery(ContactFilter Filter, ContactCursor? After, int Limit, Purpose? ConsentedTo = null)
{
    /// <summary>By name unless set; <see cref="After"/> must be a position in this order.</summary>
    public ContactOrder Order { get; init; } = ContactOrder.ByName;
}
