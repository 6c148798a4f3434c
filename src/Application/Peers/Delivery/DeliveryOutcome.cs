using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Peers.Delivery;

/// <summary>One attempt to deliver a stored, unconfirmed grant version: <see cref="Error"/> is null once receipted.</summary>
public sealed record DeliveryOutcome(SignedConsentGrant Grant, Error? Error)
{
    public bool Delivered => Error is null;
}
