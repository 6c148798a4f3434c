namespace Rapport.Application.Partners;

/// <summary>Persistence of partners inside the caller's unit of work.</summary>
public interface IPartnerStore
{
    Task<Partner?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<Partner?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Every partner, revoked ones included, ordered by name.</summary>
    Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>A number that changes whenever a partner is added, changed or removed (by any process).</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken = default);

    Task AddAsync(Partner partner, CancellationToken cancellationToken = default);

    Task UpdateAsync(Partner partner, CancellationToken cancellationToken = default);
}
