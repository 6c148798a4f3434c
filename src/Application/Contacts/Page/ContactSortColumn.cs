namespace Rapport.Application.Contacts;

/// <summary>The columns a contact list can be sorted by; each has an index in the store, so every order pages as fast.</summary>
public enum ContactSortColumn
{
    Name,
    Email,
    Company,
    LastInteraction,
}
