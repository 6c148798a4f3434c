using System.Security.Cryptography;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Consent;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Receive;

/// <summary>
/// Business side (protocol/sharing.md §4.4): accepts a signed grant or revocation from the authenticated peer
/// <c>remotePeerId</c>, stores it byte for byte, purges the shared-record fields that lost consent (§6.5) in the same
/// transaction and answers with a signed receipt. Every refusal is audited. Grants arriving on the consent protocol
/// and on the sync protocol both go through here.
/// </summary>
public sealed class ReceiveGrant(
    IUnitOfWorkFactory unitOfWork,
    IGrantSigner identity,
    IClock clock,
    NodeClock nodeClock,
    ISharedRecordChanges changes)
{
    private readonly NodeClock _nodeClock = nodeClock;

    public Task<Result<GrantReceipt>> ExecuteAsync(SignedConsentGrant signed, string remotePeerId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(signed, remotePeerId, null, cancellationToken);

    /// <param name="senderClock">
    /// The customer's clock reading when it sent the grant (<c>ConsentMessage.sender_clock</c>, or its own entry of its
    /// sync Hello versions); the purge watermark is raised above it. Ignored unless stamped by the customer and
    /// within the drift bound.
    /// </param>
    public async Task<Result<GrantReceipt>> ExecuteAsync(
        SignedConsentGrant signed, string remotePeerId, HlcTimestamp? senderClock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signed);
        await _nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var receipt = await ReceiveInAsync(work, signed, remotePeerId, senderClock, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (receipt.IsSuccess)
        {
            changes.Changed(remotePeerId);
        }

        return receipt;
    }

    /// <summary>The whole acceptance inside the caller's transaction; the caller commits in both outcomes (refusals are audited).</summary>
    internal async Task<Result<GrantReceipt>> ReceiveInAsync(
        IUnitOfWork work, SignedConsentGrant signed, string remotePeerId, HlcTimestamp? senderClock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var grant = signed.Grant;
        var previous = await work.Sharing.LatestGrantAsync(identity.LocalPeerId, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (await RedeliveryAsync(work, signed, previous, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        var accepted = await AcceptAsync(work, signed, remotePeerId, previous, cancellationToken).ConfigureAwait(false);
        if (accepted.IsFailure)
        {
            await work.Audit.AppendAsync(SharingAudit.Rejected(now, remotePeerId, identity.LocalPeerId, accepted.Error), cancellationToken).ConfigureAwait(false);
            return accepted.Error;
        }

        if (grant.RequestId is { } requestId &&
            await work.Sharing.FindRequestAsync(requestId, cancellationToken).ConfigureAwait(false) is { Direction: RequestDirection.Outgoing } request &&
            request.Request.CustomerPeerId.Value == remotePeerId)
        {
            await work.Sharing.SetRequestStatusAsync(requestId, SharingRequestStatus.Granted, now, cancellationToken).ConfigureAwait(false);
        }

        var action = grant.RevokedAt is null ? "sharing.grant_accepted" : "sharing.grant_revoked";
        var actor = $"peer:{remotePeerId}";
        await work.Audit.AppendAsync(SharingAudit.Grant(now, actor, action, grant), cancellationToken).ConfigureAwait(false);
        await work.SharedRecords.EnsureAsync(new SharedRecordPair(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value), cancellationToken).ConfigureAwait(false);
        await PurgeAsync(work, previous?.Grant, grant, remotePeerId, senderClock, now, cancellationToken).ConfigureAwait(false);
        await ConsentFromGrant.ProjectAsync(work, signed, now, cancellationToken).ConfigureAwait(false);
        var receipt = Sign(signed, now);
        await work.Sharing.AddReceiptAsync(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value, receipt, cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    // The very grant we accepted last, byte for byte, arriving again (pushed on the consent protocol and forwarded by
    // a sync session, or re-sent because our receipt was lost) is a redelivery, not a replay: answer the stored receipt.
    private async Task<GrantReceipt?> RedeliveryAsync(IUnitOfWork work, SignedConsentGrant signed, SignedConsentGrant? previous, CancellationToken cancellationToken) =>
        previous is not null && previous.CanonicalBytes.AsSpan().SequenceEqual(signed.CanonicalBytes.AsSpan()) &&
        previous.Signature.AsSpan().SequenceEqual(signed.Signature.AsSpan())
            ? await work.Sharing.FindReceiptAsync(previous.Grant.BusinessPeerId.Value, previous.Grant.CustomerPeerId.Value, previous.Grant.Version, cancellationToken).ConfigureAwait(false)
            : null;

    // §5: on a revocation, or a grant that removes or lowers a field, the business purges before it acknowledges.
    private async Task PurgeAsync(
        IUnitOfWork work, SharingGrant? previous, SharingGrant grant, string remotePeerId, HlcTimestamp? senderClock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fields = ConsentFilters.FieldsToPurge(previous, grant, now);
        if (fields.Count == 0)
        {
            return;
        }

        var pair = new SharedRecordPair(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value);
        var floor = senderClock is { } sent && sent.NodeId == remotePeerId && _nodeClock.CheckDrift(sent).IsSuccess ? sent : (HlcTimestamp?)null;
        var reason = grant.RevokedAt is not null ? $"revoked in version {grant.Version}" : $"not granted in version {grant.Version}";
        await FieldPurge.PurgeAsync(work, _nodeClock, pair, fields, ConsentFilters.BusinessMayHold(grant, now), floor, now, $"peer:{remotePeerId}", reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<Unit>> AcceptAsync(
        IUnitOfWork work, SignedConsentGrant signed, string remotePeerId, SignedConsentGrant? last, CancellationToken cancellationToken)
    {
        var publicKey = signed.SignerPublicKey.ToArray();
        if (!identity.BelongsTo(publicKey, remotePeerId))
        {
            return new Error(SharingErrors.WrongSigner, "the grant is not signed with the sending peer's key");
        }

        var grant = signed.Grant;
        var context = new GrantAcceptance(identity.LocalPeerId, remotePeerId, signed.SignerPublicKey, last?.Grant.Version);
        var checkedGrant = ConsentGrantRules.Accept(
            signed, context, (key, message, signature) => identity.Verify(key.ToArray(), message.ToArray(), signature.ToArray()));
        if (checkedGrant.IsFailure)
        {
            return checkedGrant.Error;
        }

        if (grant.RequestId is { } requestId &&
            await work.Sharing.FindRequestAsync(requestId, cancellationToken).ConfigureAwait(false) is { Direction: RequestDirection.Outgoing } asked &&
            Exceeds(grant, asked.Request) is { } excess)
        {
            return new Error(SharingErrors.ExceedsRequest, excess);
        }

        return await work.Sharing.AddGrantAsync(signed, clock.UtcNow, cancellationToken).ConfigureAwait(false) is { IsFailure: true } stored
            ? stored.Error
            : Result.Ok();
    }

    // A grant answering our request may give less than we asked, never more (protocol/sharing.md §4.1).
    private static string? Exceeds(SharingGrant grant, SharingRequest request)
    {
        foreach (var (key, access) in grant.Fields)
        {
            if (!request.Fields.TryGetValue(key, out var wanted) || access > wanted)
            {
                return $"field '{key}' at level {access} was not requested";
            }
        }

        return grant.Purposes.FirstOrDefault(p => p.Value && !request.Purposes.Contains(p.Key)) is { Key: { } purpose }
            ? $"purpose '{purpose}' was not requested"
            : null;
    }

    private GrantReceipt Sign(SignedConsentGrant signed, DateTimeOffset now)
    {
        var hash = SHA256.HashData(signed.CanonicalBytes.AsSpan());
        var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var signature = identity.Sign(GrantReceipt.CanonicalBytes(hash, signed.Grant.Version, receivedAt));
        return new GrantReceipt(hash, signed.Grant.Version, receivedAt, signature, identity.PublicKey);
    }
}
