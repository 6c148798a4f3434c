using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Decline;

public sealed record DeclineOutcome(SharingRequest Request, SharingDecline Decline, Error? DeliveryError);
