using Rapport.Domain.Common;

namespace Rapport.Domain.Sharing;

/// <summary>The rules a business node applies before it stores a signed grant (a new grant or a revocation).</summary>
public static class ConsentGrantRules
{
    /// <summary>
    /// Accepts the grant if it is signed by the expected customer's key over its canonical bytes, names this
    /// business and that customer, and is newer than the last accepted version. Time is not checked here: an
    /// expired or revoked grant is still stored (a revocation must be); use <see cref="SharingGrant.EnsureActiveAt"/>
    /// before sharing data under it.
    /// </summary>
    public static Result<SharingGrant> Accept(
        SignedConsentGrant signed,
        GrantAcceptance context,
        Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, ReadOnlySpan<byte>, bool> verify)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(verify);
        var grant = signed.Grant;
        if (!signed.SignerPublicKey.AsSpan().SequenceEqual(context.CustomerPublicKey.AsSpan()))
        {
            return new Error(SharingErrors.WrongSigner, "the grant is not signed with the customer's key");
        }

        if (!signed.HasValidSignature(verify))
        {
            return new Error(SharingErrors.BadSignature, "the signature does not match the grant");
        }

        if (grant.BusinessPeerId.Value != context.LocalBusinessPeerId)
        {
            return new Error(SharingErrors.WrongBusiness, $"the grant is for business {grant.BusinessPeerId}, not this node");
        }

        if (grant.CustomerPeerId.Value != context.CustomerPeerId)
        {
            return new Error(SharingErrors.WrongCustomer, $"the grant names customer {grant.CustomerPeerId}, not the sending peer");
        }

        if (context.LastAcceptedVersion is { } last && grant.Version <= last)
        {
            return new Error(SharingErrors.Replay, $"grant version {grant.Version} is not above the last accepted version {last}");
        }

        return grant;
    }
}
