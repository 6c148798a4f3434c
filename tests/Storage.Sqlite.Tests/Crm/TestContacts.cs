using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Crm;

internal static class TestContacts
{
    public static Contact Contact(string name, string? email = null, DateTimeOffset? at = null, params string[] tags) =>
        Domain.Contacts.Contact.Create(
            new ContactId(Guid.NewGuid()),
            new ContactDetails(PersonName.Create(name).Value, email is null ? null : EmailAddress.Create(email).Value, null, null,
                TagSet.Parse(tags).Value, CustomFields.Empty, null),
            at ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
}
