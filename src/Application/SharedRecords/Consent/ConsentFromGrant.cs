using Rapport.Application.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords.Consent;

/// <summary>
/// Business side: what the policy engine reads of a customer-signed grant. When the business accepts a grant from
/// peer P, the platform-native contact with peer id P gets consent versions derived from it — one per granted purpose,
/// plus <see cref="GrantConsent.SharedRecordPurpose"/> carrying the field levels — with the grant's effective, expiry and revocation
/// times and a <see cref="ConsentSource.SignedByCustomer"/> source naming the SHA-256 of the signed grant. A refused
/// or revoked purpose revokes the current version. No contact with that peer id: nothing is invented (audited note);
/// a contact created or imported later with that peer id gets the newest grant's consent then.
/// </summary>
internal static class ConsentFromGrant
{
    /// <summary>
    /// Contacts just linked to <paramref name="customerPeerIds"/> (created or imported after the customers' grants
    /// arrived) get the consent of the newest grant each customer sent us.
    /// </summary>
    public static async Task ProjectForLinkedContactsAsync(IUnitOfWork work, IReadOnlyCollection<string> customerPeerIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (customerPeerIds.Count == 0)
        {
            return;
        }

        var linked = customerPeerIds.ToHashSet(StringComparer.Ordinal);
        foreach (var signed in await work.Sharing.LatestGrantsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (linked.Contains(signed.Grant.CustomerPeerId.Value))
            {
                await ProjectAsync(work, signed, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task ProjectAsync(IUnitOfWork work, SignedConsentGrant signed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grant = signed.Grant;
        var pair = new SharedRecordPair(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value);
        var actor = $"peer:{pair.CustomerPeerId}";
        if (await work.SharedRecords.FindContactByPeerAsync(pair.CustomerPeerId, cancellationToken).ConfigureAwait(false) is not { } contact)
        {
            await work.Audit.AppendAsync(
                SyncAudit.Note(now, pair, actor, "sharing.consent_not_projected", $"version={grant.Version} reason=no contact has peer id {pair.CustomerPeerId}"),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = GrantConsent.SourceOf(signed);
        if (await work.Consents.CurrentAsync(contact, GrantConsent.SharedRecordPurpose, cancellationToken).ConfigureAwait(false) is { } projected && projected.Source == source)
        {
            // This very grant is already what the contact's consent says.
            return;
        }


        var revoked = grant.RevokedAt is not null;
        var recorded = new List<string>();
        var purposes = GrantConsent.Purposes(grant, out var skipped);
        foreach (var (purpose, granted) in purposes)
        {
            var current = await work.Consents.CurrentAsync(contact, purpose, cancellationToken).ConfigureAwait(false);

            // A refused purpose ends any consent recorded for it; one never recorded stays unknown (no consent).
            var next = granted
                ? GrantConsent.Granted(signed, contact, purpose, now, (current?.Version ?? 0) + 1)
                : current is { RevokedAt: null } && current.Revoke(now).TryGetValue(out var ended) ? ended : null;
            if (next is not null && (await work.Consents.AppendAsync(next, cancellationToken).ConfigureAwait(false)).IsSuccess)
            {
                recorded.Add($"{purpose.Key}:{(granted && !revoked ? "granted" : "revoked")}");
            }
        }

        await work.Audit.AppendAsync(
            new Domain.Audit.AuditEvent(now, actor, "consent.recorded_from_grant", contact.ToString(), contact.ToString(),
                $"grant_version={grant.Version} purposes={string.Join(',', recorded)} skipped={string.Join(',', skipped)}"),
            cancellationToken).ConfigureAwait(false);
    }
}
