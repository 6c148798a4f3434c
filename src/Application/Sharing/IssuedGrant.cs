using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>
/// A grant version the customer signed and stored. <see cref="Receipt"/> is the business's verified receipt when the
/// grant was delivered; otherwise <see cref="DeliveryError"/> says why (the grant stays stored and is delivered later).
/// </summary>
public sealed record IssuedGrant(SignedConsentGrant Grant, GrantReceipt? Receipt, Error? DeliveryError)
{
    public bool Delivered => Receipt is not null;
}
