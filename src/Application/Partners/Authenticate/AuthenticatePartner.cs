using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>
/// Finds the active partner an API key belongs to, in the in-memory <see cref="PartnerDirectory"/> — one per node,
/// shared by every call (a directory per call would read every partner from the store for each one).
/// </summary>
public sealed class AuthenticatePartner(PartnerDirectory directory)
{
    public static readonly Error InvalidKey = new(PartnerErrors.KeyInvalid, "the API key is missing, malformed or unknown");

    public static readonly Error RevokedKey = new(PartnerErrors.KeyRevoked, "the API key has been revoked");

    public async Task<Result<Partner>> ExecuteAsync(string? apiKey, CancellationToken cancellationToken = default)
    {
        var keyId = PartnerKey.KeyIdOf(apiKey);
        if (keyId is null)
        {
            return InvalidKey;
        }

        var partner = await directory.FindByKeyIdAsync(keyId, cancellationToken).ConfigureAwait(false);

        if (partner is null || !PartnerKey.Matches(apiKey!, partner.KeyHash))
        {
            return InvalidKey;
        }

        return partner.IsRevoked ? RevokedKey : partner;
    }
}
