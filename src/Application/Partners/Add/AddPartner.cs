using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>The new partner and its API key, which is shown this once and never stored.</summary>
public sealed record NewPartner(Partner Partner, string ApiKey);

/// <summary>Registers a partner with scopes and a rate limit and issues its API key.</summary>
public sealed class AddPartner(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<NewPartner>> ExecuteAsync(string name, string scopes, string? rate = null, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        if (!PartnerErrors.IsValidName(name))
        {
            return PartnerErrors.InvalidName(name);
        }

        var parsedScopes = PartnerScopes.Parse(scopes);
        if (parsedScopes.IsFailure)
        {
            return parsedScopes.Error;
        }

        var limit = rate is null ? RateLimit.Default : RateLimit.Parse(rate);
        if (limit.IsFailure)
        {
            return limit.Error;
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (await work.Partners.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return PartnerErrors.Duplicate(name);
        }

        var (key, keyId, hash) = PartnerKey.Generate();
        var now = clock.UtcNow;
        var partner = new Partner(name, keyId, hash, parsedScopes.Value, limit.Value, now);
        await work.Partners.AddAsync(partner, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(
            CrmAudit.Event(now, actor, "partner.added", name, null, ("key_id", keyId), ("scopes", string.Join(',', partner.Scopes)), ("rate", partner.Rate.ToString())),
            cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new NewPartner(partner, key);
    }
}
