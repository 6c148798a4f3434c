using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <param name="DeclineReason">The customer's reason, when the request was declined with one.</param>
public sealed record StoredSharingRequest(SharingRequest Request, RequestDirection Direction, SharingRequestStatus Status, string? DeclineReason = null);
