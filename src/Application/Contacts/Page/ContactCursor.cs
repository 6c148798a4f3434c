using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>A position in the name-ordered contact list: after the contact with this name and id.</summary>
public sealed record ContactCursor(string Name, ContactId Id);
