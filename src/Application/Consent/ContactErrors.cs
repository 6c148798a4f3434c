using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent;

internal static class ContactErrors
{
    public static Error NotFound(ContactId contact) => new("CONTACT_NOT_FOUND", $"no contact {contact}", "contact");

    /// <summary>Null when the contact exists or no directory is wired.</summary>
    public static async Task<Error?> CheckAsync(IContactDirectory? directory, ContactId contact, CancellationToken cancellationToken) =>
        directory is null || await directory.ExistsAsync(contact, cancellationToken).ConfigureAwait(false) ? null : NotFound(contact);
}
