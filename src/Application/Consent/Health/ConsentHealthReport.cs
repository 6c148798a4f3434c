using Rapport.Application.Sharing;

namespace Rapport.Application.Consent.Health;

/// <summary>The business's consent at a glance: by purpose, what expires soon, denials per day, its sharing requests.</summary>
public sealed record ConsentHealthReport(
    DateTimeOffset At,
    IReadOnlyList<PurposeHealth> Purposes,
    IReadOnlyList<ExpiringConsent> Expiring,
    int ExpiringTotal,
    IReadOnlyList<DenialsOnDay> Denials,
    IReadOnlyList<StoredSharingRequest> Requests);
