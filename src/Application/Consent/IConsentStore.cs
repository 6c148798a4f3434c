using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent;

/// <summary>
/// Persistence of consent versions. Every version is kept (the history); "current" is the highest version per
/// contact and purpose. Works inside the caller's unit of work.
/// </summary>
public interface IConsentStore
{
    /// <summary>The current version of every purpose recorded for the contact, ordered by purpose.</summary>
    Task<IReadOnlyList<ConsentGrant>> CurrentAsync(ContactId contact, CancellationToken cancellationToken = default);

    /// <summary>The current versions of many contacts in one query; a contact with none has no entry.</summary>
    Task<IReadOnlyDictionary<ContactId, IReadOnlyList<ConsentGrant>>> CurrentAsync(IReadOnlyCollection<ContactId> contacts, CancellationToken cancellationToken = default);

    /// <summary>The current version of every contact's every purpose (the consent health summary reads them all at once).</summary>
    Task<IReadOnlyList<ConsentGrant>> AllCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The current version for one purpose, or null if none was ever recorded.</summary>
    Task<ConsentGrant?> CurrentAsync(ContactId contact, Purpose purpose, CancellationToken cancellationToken = default);

    /// <summary>Every version ever recorded for the contact, by purpose then version.</summary>
    Task<IReadOnlyList<ConsentGrant>> HistoryAsync(ContactId contact, CancellationToken cancellationToken = default);

    /// <summary>Stores a new version; fails with CONSENT_VERSION_CONFLICT when its version is not above the stored one.</summary>
    Task<Result<Unit>> AppendAsync(ConsentGrant grant, CancellationToken cancellationToken = default);
}
