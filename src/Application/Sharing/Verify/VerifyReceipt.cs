using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Verify;

/// <summary>
/// Offline verification (protocol/sharing.md §4.5), without either node: the grant decodes from the signed bytes, the
/// signature verifies under the key, and the key belongs to the customer the grant names; optionally the business's
/// receipt is for these bytes and signed by the business the grant names.
/// </summary>
public sealed class VerifyReceipt(IGrantSigner verifier)
{
    public Result<SharingGrant> Execute(byte[] canonicalGrant, byte[] signature, byte[] signerPublicKey, GrantReceipt? receipt = null)
    {
        var parts = SignedConsentGrant.FromParts(canonicalGrant, signature, signerPublicKey);
        if (!parts.TryGetValue(out var signed))
        {
            return parts.Error;
        }

        if (!verifier.BelongsTo(signerPublicKey, signed.Grant.CustomerPeerId.Value))
        {
            return new Error(SharingErrors.WrongSigner, $"the key does not belong to customer {signed.Grant.CustomerPeerId}");
        }

        if (!verifier.Verify(signerPublicKey, canonicalGrant, signature))
        {
            return new Error(SharingErrors.BadSignature, "the signature does not match the grant");
        }

        if (receipt is not null && GrantIssuer.CheckReceipt(signed, receipt, verifier) is { IsFailure: true } bad)
        {
            return bad.Error;
        }

        return signed.Grant;
    }
}
