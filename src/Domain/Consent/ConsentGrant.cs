using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Consent;

/// <summary>
/// One version of a contact's consent for one purpose, with the field levels shared under it.
/// Versions start at 1 and increase with every change (grant again, revoke); a change whose version is not above the
/// current one is rejected. Field levels apply only while the grant is in effect.
/// </summary>
public sealed record ConsentGrant
{
    private ConsentGrant(
        ContactId contact,
        Purpose purpose,
        LegalBasis basis,
        ConsentSource source,
        IReadOnlyDictionary<string, AccessLevel> fields,
        DateTimeOffset issuedAt,
        DateTimeOffset effectiveFrom,
        DateTimeOffset? expiresAt,
        DateTimeOffset? revokedAt,
        long version)
    {
        Contact = contact;
        Purpose = purpose;
        Basis = basis;
        Source = source;
        Fields = fields;
        IssuedAt = issuedAt;
        EffectiveFrom = effectiveFrom;
        ExpiresAt = expiresAt;
        RevokedAt = revokedAt;
        Version = version;
        _fromTicks = effectiveFrom.UtcTicks;
        _expiresTicks = expiresAt?.UtcTicks ?? long.MaxValue;
        _revokedTicks = revokedAt?.UtcTicks ?? long.MaxValue;
    }

    // Status is decided on UTC ticks: integer comparisons instead of DateTimeOffset arithmetic.
    private readonly long _fromTicks;
    private readonly long _expiresTicks;
    private readonly long _revokedTicks;

    internal ConsentStatus StatusAtTicks(long utcTicks)
    {
        if (utcTicks >= _revokedTicks)
        {
            return ConsentStatus.Revoked;
        }

        if (utcTicks < _fromTicks)
        {
            return ConsentStatus.NotYetEffective;
        }

        return utcTicks >= _expiresTicks ? ConsentStatus.Expired : ConsentStatus.Granted;
    }

    public ContactId Contact { get; }
    public Purpose Purpose { get; }
    public LegalBasis Basis { get; }
    public ConsentSource Source { get; }

    /// <summary>Field key (`profile.email`, `profile.*`, `interactions`…) → level, as granted.</summary>
    public IReadOnlyDictionary<string, AccessLevel> Fields { get; }

    public DateTimeOffset IssuedAt { get; }
    public DateTimeOffset EffectiveFrom { get; }
    public DateTimeOffset? ExpiresAt { get; }
    public DateTimeOffset? RevokedAt { get; }
    public long Version { get; }

    /// <summary>A new grant (or a re-grant) for a purpose; <paramref name="previous"/> is the current version, if any.</summary>
    public static Result<ConsentGrant> Issue(
        ConsentGrant? previous,
        ContactId contact,
        Purpose purpose,
        LegalBasis basis,
        ConsentSource source,
        IEnumerable<KeyValuePair<FieldKey, AccessLevel>> fields,
        DateTimeOffset issuedAt,
        DateTimeOffset? effectiveFrom,
        DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fields);
        if (previous is not null && (previous.Contact != contact || previous.Purpose != purpose))
        {
            throw new ArgumentException("the previous version belongs to another contact or purpose", nameof(previous));
        }

        var from = effectiveFrom ?? issuedAt;
        if (expiresAt is { } until && until <= from)
        {
            return new Error(ConsentErrors.PeriodInvalid, $"the consent would expire ({until:O}) before it takes effect ({from:O})", "until");
        }

        if (source is ConsentSource.Collected { Reference: { Length: > 500 } })
        {
            return new Error(ConsentErrors.ReferenceTooLong, "a reference is at most 500 characters", "reference");
        }

        var levels = new SortedDictionary<string, AccessLevel>(StringComparer.Ordinal);
        foreach (var (field, level) in fields)
        {
            ArgumentNullException.ThrowIfNull(field);
            if (!levels.TryAdd(field.Key, level))
            {
                return new Error(ConsentErrors.FieldDuplicate, $"the field {field.Key} is given twice", "field");
            }
        }

        return new ConsentGrant(contact, purpose, basis, source, levels, issuedAt, from, expiresAt, null, (previous?.Version ?? 0) + 1);
    }

    /// <summary>The next version, revoked at <paramref name="at"/>.</summary>
    public Result<ConsentGrant> Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            return new Error(ConsentErrors.AlreadyRevoked, $"the consent for {Purpose} was already revoked at {RevokedAt:O}", "purpose");
        }

        return new ConsentGrant(Contact, Purpose, Basis, Source, Fields, at, EffectiveFrom, ExpiresAt, at, Version + 1);
    }

    /// <summary>Accepts <paramref name="next"/> as the successor of this version only if its version is higher.</summary>
    public Result<ConsentGrant> Supersede(ConsentGrant next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Contact != Contact || next.Purpose != Purpose)
        {
            return new Error(ConsentErrors.Mismatch, "the new version belongs to another contact or purpose");
        }

        return next.Version > Version
            ? next
            : new Error(ConsentErrors.VersionConflict, $"version {next.Version} is not above the stored version {Version} of {Purpose}", "version");
    }

    /// <summary>Rebuilds a stored version exactly as it was (storage adapters, received grants).</summary>
    public static Result<ConsentGrant> Restore(
        ContactId contact,
        Purpose purpose,
        LegalBasis basis,
        ConsentSource source,
        IEnumerable<KeyValuePair<FieldKey, AccessLevel>> fields,
        DateTimeOffset issuedAt,
        DateTimeOffset effectiveFrom,
        DateTimeOffset? expiresAt,
        DateTimeOffset? revokedAt,
        long version)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (version < 1)
        {
            return new Error(ConsentErrors.VersionInvalid, "a consent version starts at 1", "version");
        }

        if (expiresAt is { } until && until <= effectiveFrom)
        {
            return new Error(ConsentErrors.PeriodInvalid, "the consent expires before it takes effect", "until");
        }

        var levels = new SortedDictionary<string, AccessLevel>(StringComparer.Ordinal);
        foreach (var (field, level) in fields)
        {
            levels[field.Key] = level;
        }

        return new ConsentGrant(contact, purpose, basis, source, levels, issuedAt, effectiveFrom, expiresAt, revokedAt, version);
    }

    /// <summary>
    /// The state at <paramref name="at"/>: revoked from the revocation instant on; otherwise not yet effective before
    /// <see cref="EffectiveFrom"/>, expired from <see cref="ExpiresAt"/> on (exclusive end), granted in between.
    /// </summary>
    public ConsentStatus StatusAt(DateTimeOffset at) => StatusAtTicks(at.UtcTicks);
}
