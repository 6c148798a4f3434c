using System.Collections.Immutable;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Peers;

namespace Rapport.Domain.Sharing;

/// <summary>
/// A customer's consent, as signed by the customer: which fields the business may view or edit, which purposes are
/// granted or refused, from when until when. Every change (including revocation) is a new grant with a higher
/// <see cref="Version"/>; the receiver keeps only versions above the last one it accepted for the pair.
/// </summary>
public sealed record SharingGrant
{
    public const int MaxFields = SharingRequest.MaxFields;
    public const int MaxPurposes = SharingRequest.MaxPurposes;

    private SharingGrant(
        PeerId business,
        PeerId customer,
        SharingRequestId? requestId,
        ImmutableSortedDictionary<string, AccessLevel> fields,
        ImmutableSortedDictionary<string, bool> purposes,
        DateTimeOffset effectiveFrom,
        DateTimeOffset expiresAt,
        DateTimeOffset issuedAt,
        DateTimeOffset? revokedAt,
        long version)
    {
        BusinessPeerId = business;
        CustomerPeerId = customer;
        RequestId = requestId;
        Fields = fields;
        Purposes = purposes;
        EffectiveFrom = effectiveFrom;
        ExpiresAt = expiresAt;
        IssuedAt = issuedAt;
        RevokedAt = revokedAt;
        Version = version;
    }

    public PeerId BusinessPeerId { get; }
    public PeerId CustomerPeerId { get; }

    /// <summary>The request this grant answers, if any (a customer may also share unprompted).</summary>
    public SharingRequestId? RequestId { get; }

    public ImmutableSortedDictionary<string, AccessLevel> Fields { get; }
    public ImmutableSortedDictionary<string, bool> Purposes { get; }
    public DateTimeOffset EffectiveFrom { get; }
    public DateTimeOffset ExpiresAt { get; }
    public DateTimeOffset IssuedAt { get; }
    public DateTimeOffset? RevokedAt { get; }
    public long Version { get; }

    public static Result<SharingGrant> Create(
        string businessPeerId,
        string customerPeerId,
        SharingRequestId? requestId,
        IReadOnlyDictionary<string, AccessLevel> fields,
        IReadOnlyDictionary<string, bool> purposes,
        DateTimeOffset effectiveFrom,
        DateTimeOffset expiresAt,
        DateTimeOffset issuedAt,
        DateTimeOffset? revokedAt,
        long version)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(purposes);
        var parties = SharingParties.Parse(businessPeerId, customerPeerId, SharingErrors.InvalidGrant);
        if (parties.IsFailure)
        {
            return parties.Error;
        }

        var (business, customer) = parties.Value;

        if (requestId is { Value: var id } && id == Guid.Empty)
        {
            return Invalid("request id must not be empty", nameof(requestId));
        }

        if (fields.Count > MaxFields || fields.Any(f => !ConsentKey.IsValid(f.Key) || f.Value is not (AccessLevel.View or AccessLevel.Edit)))
        {
            return Invalid($"at most {MaxFields} fields with valid keys and access levels", nameof(fields));
        }

        if (purposes.Count > MaxPurposes || purposes.Keys.Any(p => !ConsentKey.IsValid(p)))
        {
            return Invalid($"at most {MaxPurposes} purposes with valid keys", nameof(purposes));
        }

        if (version < 1)
        {
            return Invalid("version starts at 1", nameof(version));
        }

        var (from, until, issued) = (ConsentTime.Truncate(effectiveFrom), ConsentTime.Truncate(expiresAt), ConsentTime.Truncate(issuedAt));
        var revoked = revokedAt is { } r ? ConsentTime.Truncate(r) : (DateTimeOffset?)null;
        if (from.ToUnixTimeMilliseconds() < 0 || issued.ToUnixTimeMilliseconds() < 0)
        {
            return Invalid("times must not precede the Unix epoch", nameof(effectiveFrom));
        }

        if (until <= from)
        {
            return Invalid("a grant must expire after it becomes effective", nameof(expiresAt));
        }

        if (revoked is { } rv && (rv > issued || rv.ToUnixTimeMilliseconds() < 0))
        {
            return Invalid("a revocation takes effect no later than it is issued", nameof(revokedAt));
        }

        return new SharingGrant(
            business,
            customer,
            requestId,
            fields.ToImmutableSortedDictionary(StringComparer.Ordinal),
            purposes.ToImmutableSortedDictionary(StringComparer.Ordinal),
            from,
            until,
            issued,
            revoked,
            version);
    }

    /// <summary>
    /// The customer's answer to <paramref name="request"/>: at most the requested fields, each at most at the
    /// requested level; every requested purpose is listed as granted or refused; the grant lasts the requested duration.
    /// </summary>
    public static Result<SharingGrant> ForRequest(
        SharingRequest request,
        IReadOnlyDictionary<string, AccessLevel> grantedFields,
        IEnumerable<string> grantedPurposes,
        DateTimeOffset effectiveFrom,
        DateTimeOffset issuedAt,
        long version)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grantedFields);
        ArgumentNullException.ThrowIfNull(grantedPurposes);
        var purposes = grantedPurposes.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, access) in grantedFields)
        {
            if (!request.Fields.TryGetValue(key, out var wanted) || access > wanted)
            {
                return new Error(SharingErrors.ExceedsRequest, $"field '{key}' was not requested at level {access}", nameof(grantedFields));
            }
        }

        if (purposes.FirstOrDefault(p => !request.Purposes.Contains(p)) is { } extra)
        {
            return new Error(SharingErrors.ExceedsRequest, $"purpose '{extra}' was not requested", nameof(grantedPurposes));
        }

        return Create(
            request.BusinessPeerId.Value,
            request.CustomerPeerId.Value,
            request.Id,
            grantedFields,
            request.Purposes.ToDictionary(p => p, purposes.Contains, StringComparer.Ordinal),
            effectiveFrom,
            effectiveFrom + request.RequestedDuration,
            issuedAt,
            null,
            version);
    }

    /// <summary>The next version of this grant, revoked at <paramref name="at"/> (also its issue time).</summary>
    public Result<SharingGrant> Revoke(DateTimeOffset at) =>
        Create(BusinessPeerId.Value, CustomerPeerId.Value, RequestId, Fields, Purposes, EffectiveFrom, ExpiresAt, at, at, Version + 1);

    /// <summary>A revocation takes effect as soon as it is known, whatever its time says.</summary>
    public ConsentStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ConsentStatus.Revoked
        : now < EffectiveFrom ? ConsentStatus.NotYetEffective
        : now >= ExpiresAt ? ConsentStatus.Expired
        : ConsentStatus.Granted;

    public Result<Unit> EnsureActiveAt(DateTimeOffset now) => StatusAt(now) switch
    {
        ConsentStatus.Granted => Result.Ok(),
        ConsentStatus.Revoked => new Error(SharingErrors.Revoked, $"consent was revoked at {RevokedAt:O}"),
        ConsentStatus.NotYetEffective => new Error(SharingErrors.NotYetEffective, $"consent is effective from {EffectiveFrom:O}"),
        _ => new Error(SharingErrors.Expired, $"consent expired at {ExpiresAt:O}"),
    };

    /// <summary>The access the business has to <paramref name="fieldKey"/> at <paramref name="now"/>, or null.</summary>
    public AccessLevel? AccessAt(string fieldKey, DateTimeOffset now) =>
        StatusAt(now) == ConsentStatus.Granted && Fields.TryGetValue(fieldKey, out var access) ? access : null;

    public bool CanView(string fieldKey, DateTimeOffset now) => AccessAt(fieldKey, now) is not null;

    public bool CanEdit(string fieldKey, DateTimeOffset now) => AccessAt(fieldKey, now) == AccessLevel.Edit;

    public bool AllowsPurpose(string purpose, DateTimeOffset now) =>
        StatusAt(now) == ConsentStatus.Granted && Purposes.TryGetValue(purpose, out var granted) && granted;

    // Records compare collections by reference; a grant is equal to another when all its terms are.
    public bool Equals(SharingGrant? other) =>
        other is not null && BusinessPeerId == other.BusinessPeerId && CustomerPeerId == other.CustomerPeerId &&
        RequestId == other.RequestId && Fields.SequenceEqual(other.Fields) && Purposes.SequenceEqual(other.Purposes) &&
        EffectiveFrom == other.EffectiveFrom && ExpiresAt == other.ExpiresAt && IssuedAt == other.IssuedAt &&
        RevokedAt == other.RevokedAt && Version == other.Version;

    public override int GetHashCode() => HashCode.Combine(BusinessPeerId, CustomerPeerId, Version, IssuedAt, Fields.Count);

    private static Error Invalid(string message, string field) => new(SharingErrors.InvalidGrant, message, field);
}
