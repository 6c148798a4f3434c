using System.Security.Cryptography;
using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>
/// Customer side: signs a grant version, stores it (committed before anything leaves the node, so a lost connection
/// loses nothing), delivers it and keeps the business's receipt once verified.
/// </summary>
internal sealed class GrantIssuer(IUnitOfWorkFactory unitOfWork, IGrantSigner signer, IConsentChannel channel, IClock clock)
{
    public async Task<Result<IssuedGrant>> IssueAsync(
        IUnitOfWork work, ConsentGrant grant, string actor, string action, SharingRequestId? answered, CancellationToken cancellationToken)
    {
        var signature = signer.Sign(ConsentGrantEncoding.Encode(grant));
        var signed = SignedConsentGrant.Create(grant, signature, signer.PublicKey);
        if (!signed.TryGetValue(out var signedGrant))
        {
            return signed.Error;
        }

        var now = clock.UtcNow;
        var stored = await work.Sharing.AddGrantAsync(signedGrant, now, cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        if (answered is { } id)
        {
            await work.Sharing.SetRequestStatusAsync(id, SharingRequestStatus.Granted, now, cancellationToken).ConfigureAwait(false);
        }

        await work.Audit.AppendAsync(SharingAudit.Grant(now, actor, action, grant), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);

        var delivered = await channel.DeliverGrantAsync(signedGrant, cancellationToken).ConfigureAwait(false);
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
