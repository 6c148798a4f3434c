using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent;

internal static class ContactErrors
{
    public static Error NotFound(ContactId contact) => new("CONTACT_NOT_FOUND", $"no contact {contact}", "contact");

    /// <summary>Null when the contact exists; checked inside the caller's unit of work so it sees the same snapshot.</summary>
    public static async Task<Error?> CheckAsync(IUnitOfWork work, ContactId contact, CancellationToken cancellationToken) =>
        await work.Contacts.ExistsAsync(contact, cancellationToken).ConfigureAwait(false) ? null : NotFound(contact);
}
