namespace Rapport.Application.SharedRecords;

/// <summary>
/// Customer side: the customer's own profile (field key → value), the source of the values it shares. Works inside
/// the caller's unit of work.
/// </summary>
public interface IProfileStore
{
    Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken = default);

    Task<string?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the value, or removes the key when <paramref name="value"/> is null.</summary>
    Task SetAsync(string key, string? value, DateTimeOffset at, CancellationToken cancellationToken = default);
}
