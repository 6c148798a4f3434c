using System.Security.Cryptography;
using System.Text;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Sharing;

/// <summary>
/// A customer-signed grant read as consent, so the policy engine decides on it like on any contact's consent: every
/// purpose the grant names becomes a consent for that purpose (granted, or revoked when refused), and
/// <see cref="SharedRecordPurpose"/> carries the field levels, with the grant's effective, expiry and revocation times
/// and a <see cref="ConsentSource.SignedByCustomer"/> source naming the SHA-256 of the signed grant. Both nodes of a pair
/// build the same snapshot from the same grant, so their decisions cite the same snapshot hash.
/// </summary>
public static class GrantConsent
{
    /// <summary>The purpose under which a grant's field levels are recorded; in effect exactly while the grant is active.</summary>
    public static Purpose SharedRecordPurpose { get; } = Purpose.Parse("shared_record").Value;

    /// <summary>The field a grant's or a shared record's key names (<see cref="FieldKey.Named"/>).</summary>
    public static FieldKey FieldOf(string sharingKey) => FieldKey.Named(sharingKey);

    /// <summary>
    /// The id decisions about the record shared by <paramref name="business"/> and <paramref name="customer"/> are
    /// made for: the same on both nodes (the customer's node has no contact for itself), derived from the pair.
    /// </summary>
    public static ContactId SubjectOf(string business, string customer)
    {
        ArgumentNullException.ThrowIfNull(business);
        ArgumentNullException.ThrowIfNull(customer);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"rapport-shared-record-v1\n{business}\n{customer}"), hash);
        return new ContactId(new Guid(hash[..16]));
    }

    /// <summary>
    /// The consent <paramref name="signed"/> gives, as of <paramref name="now"/>: a revocation takes effect on receipt
    /// (protocol/sharing.md §4.1), so a revocation time ahead of this node's clock counts as now.
    /// </summary>
    public static ConsentSnapshot Snapshot(SignedConsentGrant signed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signed);
        var grant = signed.Grant;
        var subject = SubjectOf(grant.BusinessPeerId.Value, grant.CustomerPeerId.Value);
        return ConsentSnapshot.Create(subject, Versions(signed, subject, now));
    }

    /// <summary>
    /// What the grant says of each purpose it names that is a purpose key (the others are <paramref name="skipped"/>),
    /// in its order, followed by <see cref="SharedRecordPurpose"/>, always granted.
    /// </summary>
    public static IReadOnlyList<(Purpose Purpose, bool Granted)> Purposes(SharingGrant grant, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var purposes = new List<(Purpose, bool)>(grant.Purposes.Count + 1);
        var notPurposes = new List<string>();
        foreach (var (key, granted) in grant.Purposes)
        {
            if (Purpose.Parse(key).TryGetValue(out var purpose))
            {
                purposes.Add((purpose, granted));
            }
            else
            {
                notPurposes.Add(key);
            }
        }

        purposes.Add((SharedRecordPurpose, true));
        skipped = notPurposes;
        return purposes;
    }

    /// <summary>
    /// The consent version of a purpose the grant grants, numbered <paramref name="version"/>: the grant's term and, for
    /// <see cref="SharedRecordPurpose"/>, its field levels; a revocation counts from its receipt at the latest.
    /// </summary>
    public static ConsentGrant Granted(SignedConsentGrant signed, ContactId contact, Purpose purpose, DateTimeOffset now, long version)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return Term(signed, contact, purpose, RevokedAsOf(signed.Grant, now), version);
    }

    // A refused purpose is a consent revoked when the grant was issued (or, if that is ahead of this clock, now).
    private static IReadOnlyList<ConsentGrant> Versions(SignedConsentGrant signed, ContactId contact, DateTimeOffset now)
    {
        var grant = signed.Grant;
        var refusedAt = RevokedAsOf(grant, now) ?? (grant.IssuedAt < now ? grant.IssuedAt : now);
        return [.. Purposes(grant, out _).Select(p => p.Granted
            ? Granted(signed, contact, p.Purpose, now, grant.Version)
            : Term(signed, contact, p.Purpose, refusedAt, grant.Version))];
    }

    private static ConsentGrant Term(SignedConsentGrant signed, ContactId contact, Purpose purpose, DateTimeOffset? revokedAt, long version)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var grant = signed.Grant;
        var fields = purpose == SharedRecordPurpose ? grant.Fields.Select(f => KeyValuePair.Create(FieldOf(f.Key), f.Value)) : [];
        return ConsentGrant.Restore(
            contact, purpose, LegalBasis.Consent, SourceOf(signed), fields, grant.IssuedAt, grant.EffectiveFrom, grant.ExpiresAt, revokedAt, version).Value;
    }

    private static DateTimeOffset? RevokedAsOf(SharingGrant grant, DateTimeOffset now) => grant.RevokedAt is { } r ? (r < now ? r : now) : null;

    /// <summary>Names the signed grant a consent came from: the SHA-256 of its canonical bytes.</summary>
    public static ConsentSource.SignedByCustomer SourceOf(SignedConsentGrant signed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return new ConsentSource.SignedByCustomer(Convert.ToHexStringLower(SHA256.HashData(signed.CanonicalBytes.AsSpan())));
    }
}
