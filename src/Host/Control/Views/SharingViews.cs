using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Host.Control.Views;

/// <summary>A sharing request as the CLI and the control socket show it.</summary>
public sealed record RequestView(
    string Id,
    string Direction,
    string Status,
    string Business,
    string Customer,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<string> Purposes,
    double Days,
    string Reason,
    DateTimeOffset CreatedAt,
    string? DeclineReason = null)
{
    public static RequestView Of(StoredSharingRequest stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Of(stored.Request, stored.Direction, stored.Status) with { DeclineReason = stored.DeclineReason };
    }

    public static RequestView Of(SharingRequest request, RequestDirection direction, SharingRequestStatus status)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            request.Id.ToString(),
            direction == RequestDirection.Outgoing ? "outgoing" : "incoming",
            status.ToString().ToLowerInvariant(),
            request.BusinessPeerId.Value,
            request.CustomerPeerId.Value,
            request.Fields.ToDictionary(f => f.Key, f => AccessLevelNames.Of(f.Value), StringComparer.Ordinal),
            [.. request.Purposes],
            request.RequestedDuration.TotalDays,
            request.Reason,
            request.CreatedAt);
    }
}

/// <summary>The business's receipt for a grant version: when it stored it.</summary>
public sealed record ReceiptView(long Version, DateTimeOffset ReceivedAt);

/// <summary>
/// The newest version of a signed grant between a business and a customer. <see cref="Role"/> is this node's side:
/// `customer` (it issued the grant) or `business` (it received it).
/// </summary>
public sealed record GrantView(
    string Business,
    string Customer,
    string Role,
    long Version,
    string? RequestId,
    string Status,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, bool> Purposes,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt,
    ReceiptView? Receipt)
{
    public static GrantView Of(SignedConsentGrant signed, string localPeerId, GrantReceipt? receipt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signed);
        var grant = signed.Grant;
        return new(
            grant.BusinessPeerId.Value,
            grant.CustomerPeerId.Value,
            grant.CustomerPeerId.Value == localPeerId ? "customer" : "business",
            grant.Version,
            grant.RequestId?.ToString(),
            ConsentStatusText.ToKey(grant.StatusAt(now)),
            grant.Fields.ToDictionary(f => f.Key, f => AccessLevelNames.Of(f.Value), StringComparer.Ordinal),
            grant.Purposes.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            grant.EffectiveFrom,
            grant.ExpiresAt,
            grant.IssuedAt,
            grant.RevokedAt,
            receipt is null ? null : new ReceiptView(receipt.Version, receipt.ReceivedAt));
    }

}
