using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Whether a use case's contact exists, asked inside the caller's unit of work so it sees the same snapshot.</summary>
internal static class KnownContact
{
    /// <summary>Null when the contact exists, otherwise <see cref="ContactErrors.NotFound"/>.</summary>
    public static async Task<Error?> CheckAsync(IReadUnitOfWork work, ContactId contact, CancellationToken cancellationToken) =>
        await work.Contacts.ExistsAsync(contact, cancellationToken).ConfigureAwait(false) ? null : ContactErrors.Unknown(contact, "contact");
}
