using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Application.Consent.Health;

/// <summary>
/// The consent health of a business node, read in one snapshot: every contact's current consent classified per purpose
/// (the domain decides each status at the same instant), consents in effect that end within
/// <see cref="ExpiringWithin"/>, policy denials per day over <see cref="DenialDays"/> days from the audit log, and the
/// sharing requests the node sent with their answers. Counts only: no contact's data is read.
/// </summary>
public sealed class ShowConsentHealth(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(30);
    public const int DenialDays = 30;
    public const int MaxExpiringListed = 100;
    public const int MaxRequestsListed = 50;

    // Enough for a month of denials on a busy node; a bulk entry holds many.
    private const int MaxDenialEntries = 10_000;

    public async Task<ConsentHealthReport> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var grants = await work.Consents.AllCurrentAsync(cancellationToken).ConfigureAwait(false);
        var purposes = grants
            .GroupBy(g => g.Purpose)
            .Select(g => Classify(g.Key, g, now))
            .OrderBy(p => p.Purpose.Key, StringComparer.Ordinal)
            .ToList();
        var expiring = grants
            .Where(g => g.StatusAt(now) == ConsentStatus.Granted && g.ExpiresAt is { } end && end <= now + ExpiringWithin)
            .OrderBy(g => g.ExpiresAt)
            .Select(g => new ExpiringConsent(g.Contact, g.Purpose, g.ExpiresAt!.Value))
            .ToList();

        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - DenialDays);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var denialEntries = await work.Audit.QueryAsync(new AuditQuery(since, null, MaxDenialEntries) { Verdict = AuditVerdict.Deny }, cancellationToken).ConfigureAwait(false);
        var perDay = denialEntries
            .GroupBy(e => DateOnly.FromDateTime(e.Event.At.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Sum(e => PolicyAuditEvents.DenialsIn(e.Event)));
        var denials = Enumerable.Range(0, DenialDays)
            .Select(i => firstDay.AddDays(i))
            .Select(day => new DenialsOnDay(day, perDay.GetValueOrDefault(day)))
            .ToList();

        var requests = (await work.Sharing.ListRequestsAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.Direction == RequestDirection.Outgoing)
            .Take(MaxRequestsListed)
            .ToList();
        return new ConsentHealthReport(now, purposes, [.. expiring.Take(MaxExpiringListed)], expiring.Count, denials, requests);
    }

    private static PurposeHealth Classify(Purpose purpose, IEnumerable<ConsentGrant> grants, DateTimeOffset now)
    {
        int compliant = 0, partial = 0, blocked = 0;
        foreach (var grant in grants)
        {
            switch (grant.StatusAt(now))
            {
                case ConsentStatus.Granted when grant.Fields.Values.Any(level => level == AccessLevel.None):
                    partial++;
                    break;
                case ConsentStatus.Granted:
                    compliant++;
                    break;
                case ConsentStatus.Revoked or ConsentStatus.Expired or ConsentStatus.NotYetEffective:
                    blocked++;
                    break;
            }
        }

        return new PurposeHealth(purpose, compliant, partial, blocked);
    }
}
