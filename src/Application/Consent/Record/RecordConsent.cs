using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent.Record;

/// <param name="ValidForDays">Alternative to <paramref name="ExpiresAt"/>: expires this many days after it takes effect.</param>
public sealed record RecordConsentCommand(
    ContactId Contact,
    Purpose Purpose,
    LegalBasis Basis,
    ConsentSource Source,
    IReadOnlyList<KeyValuePair<FieldKey, AccessLevel>> Fields,
    DateTimeOffset? EffectiveFrom,
    DateTimeOffset? ExpiresAt,
    int? ValidForDays,
    string Actor);

/// <summary>Records a consent the business collected itself, as the next version of the contact's consent for the purpose.</summary>
public sealed class RecordConsent(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public const int MaxDays = 36500;

    public async Task<Result<ConsentGrant>> ExecuteAsync(RecordConsentCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ExpiresAt is not null && command.ValidForDays is not null)
        {
            return new Error(ConsentErrors.PeriodInvalid, "give either an end time or a number of days, not both", "until");
        }

        if (command.ValidForDays is < 1 or > MaxDays)
        {
            return new Error(ConsentErrors.PeriodInvalid, $"days must be between 1 and {MaxDays}", "days");
        }

        var now = clock.UtcNow;
        var expiresAt = command.ValidForDays is { } days ? (command.EffectiveFrom ?? now).AddDays(days) : command.ExpiresAt;

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (await KnownContact.CheckAsync(work, command.Contact, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var previous = await work.Consents.CurrentAsync(command.Contact, command.Purpose, cancellationToken).ConfigureAwait(false);
        var issued = ConsentGrant.Issue(previous, command.Contact, command.Purpose, command.Basis, command.Source, command.Fields, now, command.EffectiveFrom, expiresAt);
        if (!issued.TryGetValue(out var grant))
        {
            return issued.Error;
        }

        var stored = await work.Consents.AppendAsync(grant, cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        await work.Audit.AppendAsync(ConsentAuditEvents.For(grant, command.Actor), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return grant;
    }
}
