namespace Rapport.Domain.Sharing;

/// <summary>The customer's refusal of a sharing request. Nothing is shared; the business may ask again later.</summary>
public sealed record SharingDecline(SharingRequestId RequestId, DateTimeOffset DeclinedAt);
