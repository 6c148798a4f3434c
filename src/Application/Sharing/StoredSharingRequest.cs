using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

public sealed record StoredSharingRequest(SharingRequest Request, RequestDirection Direction, SharingRequestStatus Status);
