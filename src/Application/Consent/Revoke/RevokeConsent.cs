using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent.Revoke;

public sealed record RevokeConsentCommand(ContactId Contact, Purpose Purpose, string Actor);

/// <summary>
/// Revokes a purpose and every recorded sub-purpose under it (revoking `marketing` also revokes an explicit
/// `marketing.email` grant, which would otherwise stand on its own), each as a new version, all in one transaction.
/// </summary>
public sealed class RevokeConsent(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<IReadOnlyList<ConsentGrant>>> ExecuteAsync(RevokeConsentCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (await KnownContact.CheckAsync(work, command.Contact, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var current = await work.Consents.CurrentAsync(command.Contact, cancellationToken).ConfigureAwait(false);
        var affected = current.Where(g => g.Purpose == command.Purpose || g.Purpose.IsChildOf(command.Purpose)).ToList();
        if (affected.Count == 0)
        {
            return new Error(ConsentErrors.NotFound, $"contact {command.Contact} has no consent for {command.Purpose}", "purpose");
        }

        var revoked = new List<ConsentGrant>();
        foreach (var grant in affected.Where(g => g.RevokedAt is null))
        {
            var next = grant.Revoke(now);
            if (!next.TryGetValue(out var revocation))
            {
                return next.Error;
            }

            var stored = await work.Consents.AppendAsync(revocation, cancellationToken).ConfigureAwait(false);
            if (stored.IsFailure)
            {
                return stored.Error;
            }

            await work.Audit.AppendAsync(ConsentAuditEvents.For(revocation, command.Actor), cancellationToken).ConfigureAwait(false);
            revoked.Add(revocation);
        }

        if (revoked.Count == 0)
        {
            return new Error(ConsentErrors.AlreadyRevoked, $"the consent of {command.Contact} for {command.Purpose} is already revoked", "purpose");
        }

        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return revoked;
    }
}
