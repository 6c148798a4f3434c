using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent;

/// <summary>Tells consent and policy use cases whether a contact exists (implemented by the contacts slice).</summary>
public interface IContactDirectory
{
    Task<bool> ExistsAsync(ContactId contact, CancellationToken cancellationToken = default);
}
