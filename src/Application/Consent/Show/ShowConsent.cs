using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent.Show;

public sealed record PurposeStatus(Purpose Purpose, ConsentStatus Status, ConsentGrant Current);

public sealed record FieldShare(string Field, AccessLevel Level);

/// <summary>A contact's consent as of <see cref="At"/>: status per recorded purpose, effective field levels, every version.</summary>
public sealed record ConsentOverview(
    ContactId Contact,
    DateTimeOffset At,
    ConsentSnapshot Snapshot,
    IReadOnlyList<PurposeStatus> Purposes,
    IReadOnlyList<FieldShare> Fields,
    IReadOnlyList<ConsentGrant> History);

public sealed class ShowConsent(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<ConsentOverview>> ExecuteAsync(ContactId contact, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        if (await KnownContact.CheckAsync(work, contact, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var current = await work.Consents.CurrentAsync(contact, cancellationToken).ConfigureAwait(false);
        var history = await work.Consents.HistoryAsync(contact, cancellationToken).ConfigureAwait(false);
        var snapshot = ConsentSnapshot.Create(contact, current);
        var purposes = snapshot.Grants.Select(g => new PurposeStatus(g.Purpose, snapshot.StatusAt(g.Purpose, now), g)).ToList();
        var fields = snapshot.Grants
            .SelectMany(g => g.Fields.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => new FieldShare(key, FieldKey.Parse(key).TryGetValue(out var field) ? snapshot.LevelAt(field, now) : AccessLevel.None))
            .ToList();
        return new ConsentOverview(contact, now, snapshot, purposes, fields, history);
    }
}
