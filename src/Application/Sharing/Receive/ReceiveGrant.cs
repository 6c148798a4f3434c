using System.Security.Cryptography;
using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Receive;

/// <summary>
/// Business side (protocol/sharing.md §4.4): accepts a signed grant or revocation from the authenticated peer
/// <c>remotePeerId</c>, stores it byte for byte and answers with a signed receipt. Every refusal is audited.
/// </summary>
public sealed class ReceiveGrant(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock)
{
    public async Task<Result<GrantReceipt>> ExecuteAsync(SignedConsentGrant signed, string remotePeerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signed);
        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var grant = signed.Grant;
        var accepted = await AcceptAsync(work, signed, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (accepted.IsFailure)
        {
            await work.Audit.AppendAsync(SharingAudit.Rejected(now, remotePeerId, identity.LocalPeerId, accepted.Error), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return accepted.Error;
        }

        if (grant.RequestId is { } requestId &&
            await work.Sharing.FindRequestAsync(requestId, cancellationToken).ConfigureAwait(false) is { Direction: RequestDirection.Outgoing } request &&
            request.Request.CustomerPeerId.Value == remotePeerId)
        {
            await work.Sharing.SetRequestStatusAsync(requestId, SharingRequestStatus.Granted, now, cancellationToken).ConfigureAwait(false);
        }

        var action = grant.RevokedAt is null ? "sharing.grant_accepted" : "sharing.grant_revoked";
        await work.Audit.AppendAsync(SharingAudit.Grant(now, $"peer:{remotePeerId}", action, grant), cancellationToken).ConfigureAwait(false);
        var receipt = Sign(signed, now);
        await work.Sharing.AddReceiptAsync(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value, receipt, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    private async Task<Result<Unit>> AcceptAsync(IUnitOfWork work, SignedConsentGrant signed, string remotePeerId, CancellationToken cancellationToken)
    {
        var publicKey = signed.SignerPublicKey.ToArray();
        if (!identity.BelongsTo(publicKey, remotePeerId))
        {
            return new Error(SharingErrors.WrongSigner, "the grant is not signed with the sending peer's key");
        }

        var grant = signed.Grant;
        var last = await work.Sharing.LatestGrantAsync(identity.LocalPeerId, remotePeerId, cancellationToken).ConfigureAwait(false);
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
    private static string? Exceeds(ConsentGrant grant, SharingRequest request)
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
