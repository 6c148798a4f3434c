using Rapport.Application.Common;
using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>Finds the active partner an API key belongs to.</summary>
public sealed class AuthenticatePartner(IUnitOfWorkFactory unitOfWork)
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

        Partner? partner;
        await using (var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            partner = await work.Partners.FindByKeyIdAsync(keyId, cancellationToken).ConfigureAwait(false);
        }

        if (partner is null || !PartnerKey.Matches(apiKey!, partner.KeyHash))
        {
            return InvalidKey;
        }

        return partner.IsRevoked ? RevokedKey : partner;
    }
}
