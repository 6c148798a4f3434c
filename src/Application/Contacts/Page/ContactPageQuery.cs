using Rapport.Domain.Consent;

namespace Rapport.Application.Contacts;

/// <summary>
/// One page of the name-ordered contact list, starting after <paramref name="After"/>. When
/// <paramref name="ConsentedTo"/> is set the store returns only contacts holding a consent record for that purpose
/// or one of its ancestors (the candidates); whether that consent allows the purpose now is the gate's to decide.
/// </summary>
public sealed record ContactPageQuery(ContactFilter Filter, ContactCursor? After, int Limit, Purpose? ConsentedTo = null);
