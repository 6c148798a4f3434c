using System.Collections.Immutable;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Peers;

namespace Rapport.Domain.Sharing;

/// <summary>
/// A business node's request that a customer share some profile fields, for some purposes, for a limited time.
/// It waits on the customer's node until the customer grants (possibly less) or declines.
/// </summary>
public sealed record SharingRequest
{
    public const int MaxFields = 256;
    public const int MaxPurposes = 64;
    public const int MaxReasonLength = 2_000;
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(5 * 366);

    private SharingRequest(
        SharingRequestId id,
        PeerId business,
        PeerId customer,
        ImmutableSortedDictionary<string, AccessLevel> fields,
        ImmutableSortedSet<string> purposes,
        TimeSpan duration,
        string reason,
        DateTimeOffset createdAt)
    {
        Id = id;
        BusinessPeerId = business;
        CustomerPeerId = customer;
        Fields = fields;
        Purposes = purposes;
        RequestedDuration = duration;
        Reason = reason;
        CreatedAt = createdAt;
    }

    public SharingRequestId Id { get; }
    public PeerId BusinessPeerId { get; }
    public PeerId CustomerPeerId { get; }

    /// <summary>Field key to the access wanted, ordered by key.</summary>
    public ImmutableSortedDictionary<string, AccessLevel> Fields { get; }

    public ImmutableSortedSet<string> Purposes { get; }
    public TimeSpan RequestedDuration { get; }

    /// <summary>Why the business asks, shown to the customer as is.</summary>
    public string Reason { get; }

    public DateTimeOffset CreatedAt { get; }

    public static Result<SharingRequest> Create(
        SharingRequestId id,
        string businessPeerId,
        string customerPeerId,
        IReadOnlyDictionary<string, AccessLevel> fields,
        IEnumerable<string> purposes,
        TimeSpan requestedDuration,
        string reason,
        DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(purposes);
        var purposeList = purposes.ToList();
        if (id.Value == Guid.Empty)
        {
            return Invalid("request id must not be empty", nameof(id));
        }

        var parties = SharingParties.Parse(businessPeerId, customerPeerId, SharingErrors.InvalidRequest);
        if (parties.IsFailure)
        {
            return parties.Error;
        }

        var (business, customer) = parties.Value;

        if (fields.Count is 0 or > MaxFields)
        {
            return Invalid($"a request names 1..{MaxFields} fields", nameof(fields));
        }

        foreach (var (key, access) in fields)
        {
            if (!ConsentKey.IsValid(key) || access is not (AccessLevel.View or AccessLevel.Edit))
            {
                return Invalid($"field '{key}' has an invalid key or access level", nameof(fields));
            }
        }

        if (purposeList.Count is 0 or > MaxPurposes || !purposeList.All(ConsentKey.IsValid) ||
            purposeList.Distinct(StringComparer.Ordinal).Count() != purposeList.Count)
        {
            return Invalid($"a request names 1..{MaxPurposes} distinct purposes with valid keys", nameof(purposes));
        }

        if (requestedDuration < MinDuration || requestedDuration > MaxDuration)
        {
            return Invalid("requested duration must be between one minute and five years", nameof(requestedDuration));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            return Invalid($"a reason of 1..{MaxReasonLength} characters is required", nameof(reason));
        }

        return new SharingRequest(
            id,
            business,
            customer,
            fields.ToImmutableSortedDictionary(StringComparer.Ordinal),
            purposeList.ToImmutableSortedSet(StringComparer.Ordinal),
            requestedDuration,
            reason,
            ConsentTime.Truncate(createdAt));
    }

    // Records compare collections by reference; a request is equal to another when all its terms are.
    public bool Equals(SharingRequest? other) =>
        other is not null && Id == other.Id && BusinessPeerId == other.BusinessPeerId && CustomerPeerId == other.CustomerPeerId &&
        Fields.SequenceEqual(other.Fields) && Purposes.SequenceEqual(other.Purposes) &&
        RequestedDuration == other.RequestedDuration && Reason == other.Reason && CreatedAt == other.CreatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, BusinessPeerId, CustomerPeerId, CreatedAt);

    private static Error Invalid(string message, string field) => new(SharingErrors.InvalidRequest, message, field);
}
