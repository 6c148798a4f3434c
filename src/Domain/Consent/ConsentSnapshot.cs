using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Consent;

/// <summary>
/// The current version of every consent of one contact, frozen for evaluation, with the SHA-256 of its canonical form
/// computed once when built (decisions cite it without hashing again).
/// <para>Hierarchy rule: to find the status of a purpose, look at the purpose itself, then its parents, nearest first.
/// The first record that is <c>granted</c> or <c>revoked</c> at that instant decides, so a grant on <c>marketing</c>
/// covers <c>marketing.email</c> unless <c>marketing.email</c> itself is revoked, and an explicit grant on a child
/// stands even if its parent is revoked. Expired and not-yet-effective records do not decide: the search continues
/// upwards, and if nothing above grants, the most specific of them is reported. No record at all is
/// <see cref="ConsentStatus.Unknown"/>, which policy treats as no consent.</para>
/// </summary>
public sealed class ConsentSnapshot
{
    // Most contacts have a handful of purposes: a linear scan over keys (usually the same interned strings, so the
    // ordinal comparison stops at the reference check) beats hashing; the dictionary serves larger snapshots.
    private const int LinearScanLimit = 8;

    private readonly Dictionary<string, ConsentGrant> _byPurpose;
    private readonly ConsentGrant[] _grants;
    private readonly string[] _keys;

    private ConsentSnapshot(ContactId contact, ConsentGrant[] grants)
    {
        Contact = contact;
        _grants = grants;
        _keys = [.. grants.Select(g => g.Purpose.Key)];
        _byPurpose = new Dictionary<string, ConsentGrant>(grants.Length, StringComparer.Ordinal);
        foreach (var grant in grants)
        {
            _byPurpose[grant.Purpose.Key] = grant;
        }

        Hash = ComputeHash(contact, grants);
    }

    public ContactId Contact { get; }

    /// <summary>Current version per purpose, ordered by purpose key.</summary>
    public IReadOnlyList<ConsentGrant> Grants => _grants;

    /// <summary>SHA-256 (lower-case hex) of the canonical form of <see cref="Grants"/>.</summary>
    public string Hash { get; }

    public static ConsentSnapshot Empty(ContactId contact) => new(contact, []);

    /// <summary>Builds the snapshot from the current versions; when a purpose appears more than once the highest version wins.</summary>
    public static ConsentSnapshot Create(ContactId contact, IEnumerable<ConsentGrant> currentVersions)
    {
        ArgumentNullException.ThrowIfNull(currentVersions);
        var latest = new SortedDictionary<string, ConsentGrant>(StringComparer.Ordinal);
        foreach (var grant in currentVersions)
        {
            if (grant.Contact != contact)
            {
                throw new ArgumentException($"a grant of contact {grant.Contact} cannot be part of the snapshot of {contact}", nameof(currentVersions));
            }

            if (!latest.TryGetValue(grant.Purpose.Key, out var existing) || existing.Version < grant.Version)
            {
                latest[grant.Purpose.Key] = grant;
            }
        }

        return new ConsentSnapshot(contact, [.. latest.Values]);
    }

    public ConsentGrant? GrantFor(Purpose purpose) =>
        _byPurpose.TryGetValue((purpose ?? throw new ArgumentNullException(nameof(purpose))).Key, out var grant) ? grant : null;

    public ConsentStatus StatusAt(Purpose purpose, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var fallback = ConsentStatus.Unknown;
        if (_grants.Length == 0)
        {
            return fallback;
        }

        var ticks = at.UtcTicks;
        if (Decides(purpose.Key, ticks, ref fallback, out var decided))
        {
            return decided;
        }

        var ancestors = purpose.AncestorKeys;
        for (var i = 0; i < ancestors.Length; i++)
        {
            if (Decides(ancestors[i], ticks, ref fallback, out decided))
            {
                return decided;
            }
        }

        return fallback;
    }

    public bool AllowsAt(Purpose purpose, DateTimeOffset at) => StatusAt(purpose, at) == ConsentStatus.Granted;

    /// <summary>
    /// The highest level any consent in effect at <paramref name="at"/> shares for the field; within one consent an
    /// exact field entry takes precedence over its category wildcard. Nothing in effect ⇒ <see cref="SharingLevel.None"/>.
    /// </summary>
    public SharingLevel LevelAt(FieldKey field, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(field);
        var best = SharingLevel.None;
        var ticks = at.UtcTicks;
        foreach (var grant in _grants)
        {
            if (!grant.HasFields || grant.StatusAtTicks(ticks) != ConsentStatus.Granted)
            {
                continue;
            }

            if (grant.TryGetLevel(field.Key, out var level)
                || (field.Wildcard is not null && grant.TryGetLevel(field.Wildcard, out level)))
            {
                if (level > best)
                {
                    best = level;
                }
            }
        }

        return best;
    }

    private ConsentGrant? Find(string key)
    {
        if (_keys.Length > LinearScanLimit)
        {
            return _byPurpose.TryGetValue(key, out var found) ? found : null;
        }

        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return _grants[i];
            }
        }

        return null;
    }

    private bool Decides(string key, long ticks, ref ConsentStatus fallback, out ConsentStatus decided)
    {
        decided = ConsentStatus.Unknown;
        if (Find(key) is not { } grant)
        {
            return false;
        }

        var status = grant.StatusAtTicks(ticks);
        if (status is ConsentStatus.Granted or ConsentStatus.Revoked)
        {
            decided = status == ConsentStatus.Revoked && fallback != ConsentStatus.Unknown ? fallback : status;
            return true;
        }

        if (fallback == ConsentStatus.Unknown)
        {
            fallback = status;
        }

        return false;
    }

    private static string ComputeHash(ContactId contact, ConsentGrant[] grants)
    {
        var text = new StringBuilder();
        text.Append("rapport-consent-snapshot-v1\n").Append(contact.ToString()).Append('\n');
        foreach (var grant in grants)
        {
            text.Append(grant.Purpose.Key).Append('\u001f')
                .Append(grant.Version.ToString(CultureInfo.InvariantCulture)).Append('\u001f')
                .Append(grant.Basis.ToKey()).Append('\u001f')
                .Append(grant.Source.Describe()).Append('\u001f')
                .Append(Instant(grant.IssuedAt)).Append('\u001f')
                .Append(Instant(grant.EffectiveFrom)).Append('\u001f')
                .Append(grant.ExpiresAt is { } expires ? Instant(expires) : "-").Append('\u001f')
                .Append(grant.RevokedAt is { } revoked ? Instant(revoked) : "-");
            foreach (var (field, level) in grant.Fields)
            {
                text.Append('\u001f').Append(field).Append('=').Append(level.ToKey());
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
