using System.Security.Cryptography;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>
/// Customer side: signs a grant version, stores it (committed before anything leaves the node, so a lost connection
/// loses nothing), delivers it and keeps the business's receipt once verified. Fields the new version gains are
/// re-asserted in the pair's shared record with a fresh stamp (protocol/sharing.md §6.4), since the business never
/// received the writes made while it was not entitled to them.
/// </summary>
internal sealed class GrantIssuer(
    IUnitOfWorkFactory unitOfWork, IGrantSigner signer, IConsentChannel channel, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes)
{
    private readonly NodeClock _nodeClock = nodeClock;

    public async Task<Result<IssuedGrant>> IssueAsync(
        IUnitOfWork work, SharingGrant grant, string actor, string action, SharingRequestId? answered, CancellationToken cancellationToken)
    {
        var signature = signer.Sign(ConsentGrantEncoding.Encode(grant));
        var signed = SignedConsentGrant.Create(grant, signature, signer.PublicKey);
        if (!signed.TryGetValue(out var signedGrant))
        {
            return signed.Error;
        }

        var now = clock.UtcNow;
        var previous = await work.Sharing.LatestGrantAsync(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value, cancellationToken).ConfigureAwait(false);
        var stored = await work.Sharing.AddGrantAsync(signedGrant, now, cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        await ReassertGainedAsync(work, previous?.Grant, grant, now, cancellationToken).ConfigureAwait(false);

        if (answered is { } id)
        {
            await work.Sharing.SetRequestStatusAsync(id, SharingRequestStatus.Granted, now, cancellationToken).ConfigureAwait(false);
        }

        await work.Audit.AppendAsync(SharingAudit.Grant(now, actor, action, grant), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Pushed at once on the consent protocol; then sync hears of it, so a live session forwards the grant first
        // if that push failed and sends any re-asserted fields once the business holds the grant.
        var delivered = await channel.DeliverGrantAsync(signedGrant, cancellationToken).ConfigureAwait(false);
        changes.Changed(grant.BusinessPeerId.Value);
        if (delivered.IsFailure)
        {
            return new IssuedGrant(signedGrant, null, delivered.Error);
        }

        var receipt = delivered.Value;
        var check = CheckReceipt(signedGrant, receipt, signer);
        if (check.IsFailure)
        {
            return new IssuedGrant(signedGrant, null, check.Error);
        }

        await using var receiptWork = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await receiptWork.Sharing.AddReceiptAsync(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value, receipt, cancellationToken).ConfigureAwait(false);
        await receiptWork.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IssuedGrant(signedGrant, receipt, null);
    }

    private async Task ReassertGainedAsync(IUnitOfWork work, SharingGrant? previous, SharingGrant grant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pair = new SharedRecordPair(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value);
        await work.SharedRecords.EnsureAsync(pair, cancellationToken).ConfigureAwait(false);
        var gained = grant.Fields.Keys.Where(k => grant.CanView(k, now) && previous?.CanView(k, now) != true).ToList();
        if (gained.Count == 0)
        {
            return;
        }

        await _nodeClock.StartWithinAsync(work, cancellationToken).ConfigureAwait(false);
        var record = await work.SharedRecords.FindAsync(pair, signer.LocalPeerId, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(signer.LocalPeerId);
        if (previous is { } ended && ended.StatusAt(now) == ConsentStatus.Expired)
        {
            // §6.5: the business purged at expiry with a watermark up to expiry + drift bound; stay above it.
            _nodeClock.Absorb(new HlcTimestamp(ended.ExpiresAt.ToUnixTimeMilliseconds() + _nodeClock.MaxDriftMs + 1, 0, signer.LocalPeerId));
        }

        var written = await Reassertion.ReassertAsync(work, _nodeClock, record, gained, cancellationToken).ConfigureAwait(false);
        await work.SharedRecords.SaveAsync(pair, record, written, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The receipt is for these exact bytes and version and is signed by the business named in the grant.</summary>
    public static Result<Unit> CheckReceipt(SignedConsentGrant grant, GrantReceipt receipt, IGrantSigner verifier)
    {
        var hash = SHA256.HashData(grant.CanonicalBytes.AsSpan());
        if (!receipt.GrantSha256.AsSpan().SequenceEqual(hash) || receipt.Version != grant.Grant.Version)
        {
            return new Error(SharingReceiptErrors.Mismatch, "the receipt is for another grant or version");
        }

        if (!verifier.BelongsTo(receipt.SignerPublicKey, grant.Grant.BusinessPeerId.Value))
        {
            return new Error(SharingErrors.WrongSigner, "the receipt is not signed with the business's key");
        }

        return verifier.Verify(receipt.SignerPublicKey, receipt.CanonicalBytes(), receipt.Signature)
            ? Result.Ok()
            : new Error(SharingErrors.BadSignature, "the receipt signature does not verify");
    }
}
