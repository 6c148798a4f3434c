namespace Rapport.Application.Partners;

/// <summary>
/// A system allowed to call the partner API. Only the SHA-256 hash of its key is stored; <see cref="KeyId"/> is the
/// key's public prefix, used to find the partner without scanning.
/// </summary>
public sealed record Partner(
    string Name,
    string KeyId,
    string KeyHash,
    IReadOnlySet<string> Scopes,
    RateLimit Rate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool HasScope(string scope) => Scopes.Contains(scope);
}
