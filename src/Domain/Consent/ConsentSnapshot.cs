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
    // Evaluation reads only these flat struct arrays (one or two cache lines per contact), comparing precomputed
    // key hashes before strings: with many contacts a decision is bound by cache misses, not by arithmetic.
    private readonly ConsentGrant[] _grants;
    private readonly Term[] _terms;
    private readonly Share[] _shares;

    private ConsentSnapshot(ContactId contact, ConsentGrant[] grants)
    {
        Contact = contact;
        _grants = grants;
        _terms = new Term[grants.Length];
        var shares = new List<Share>();
        for (var i = 0; i < grants.Length; i++)
        {
            var g = grants[i];
            _terms[i] = new Term(
                g.Purpose.KeyHash, g.Purpose.Key, g.EffectiveFrom.UtcTicks, g.ExpiresAt?.UtcTicks ?? long.MaxValue, g.RevokedAt?.UtcTicks ?? long.MaxValue, shares.Count, g.Fields.Count);
            foreach (var (field, level) in g.Fields)
            {
                shares.Add(new Share(StringComparer.Ordinal.GetHashCode(field), field, level));
            }
        }

        _shares = [.. shares];
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
        Find((purpose ?? throw new ArgumentNullException(nameof(purpose))).KeyHash, purpose.Key) is var i and >= 0 ? _grants[i] : null;

    public ConsentStatus StatusAt(Purpose purpose, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var fallback = ConsentStatus.Unknown;
        if (_grants.Length == 0)
        {
            return fallback;
        }

        var ticks = at.UtcTicks;
        if (Decides(purpose.KeyHash, purpose.Key, ticks, ref fallback, out var decided))
        {
            return decided;
        }

        var ancestors = purpose.AncestorKeys;
        var hashes = purpose.AncestorHashes;
        for (var i = 0; i < ancestors.Length; i++)
        {
            if (Decides(hashes[i], ancestors[i], ticks, ref fallback, out decided))
            {
                return decided;
            }
        }

        return fallback;
    }

    public bool AllowsAt(Purpose purpose, DateTimeOffset at) => StatusAt(purpose, at) == ConsentStatus.Granted;

    /// <summary>
    /// The highest level any consent in effect at <paramref name="at"/> shares for the field; within one consent an
    /// exact field entry takes precedence over its category wildcard. Nothing in effect ⇒ <see cref="AccessLevel.None"/>.
    /// </summary>
    public AccessLevel LevelAt(FieldKey field, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(field);
        var best = AccessLevel.None;
        var ticks = at.UtcTicks;
        var shares = _shares;
        var terms = _terms;
        for (var t = 0; t < terms.Length; t++)
        {
            ref readonly var term = ref terms[t];
            if (term.ShareCount == 0 || term.StatusAt(ticks) != ConsentStatus.Granted)
            {
                continue;
            }

            // Within one consent an exact entry overrides the category wildcard.
            var found = false;
            var level = AccessLevel.None;
            for (var i = term.ShareStart; i < term.ShareStart + term.ShareCount; i++)
            {
                ref readonly var share = ref shares[i];
                if (share.KeyHash == field.KeyHash && string.Equals(share.Key, field.Key, StringComparison.Ordinal))
                {
                    found = true;
                    level = share.Level;
                    break;
                }

                if (!found && field.Wildcard is not null && share.KeyHash == field.WildcardHash && string.Equals(share.Key, field.Wildcard, StringComparison.Ordinal))
                {
                    found = true;
                    level = share.Level;
                }
            }

            if (found && level > best)
            {
                best = level;
            }
        }

        return best;
    }

    private int Find(int hash, string key)
    {
        var terms = _terms;
        for (var i = 0; i < terms.Length; i++)
        {
            if (terms[i].KeyHash == hash && string.Equals(terms[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Decides(int hash, string key, long ticks, ref ConsentStatus fallback, out ConsentStatus decided)
    {
        decided = ConsentStatus.Unknown;
        var index = Find(hash, key);
        if (index < 0)
        {
            return false;
        }

        var status = _terms[index].StatusAt(ticks);
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

    private readonly record struct Term(int KeyHash, string Key, long From, long Expires, long Revoked, int ShareStart, int ShareCount)
    {
        public ConsentStatus StatusAt(long ticks) =>
            ticks >= Revoked ? ConsentStatus.Revoked
            : ticks < From ? ConsentStatus.NotYetEffective
            : ticks >= Expires ? ConsentStatus.Expired
            : ConsentStatus.Granted;
    }

    private readonly record struct Share(int KeyHash, string Key, AccessLevel Level);

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
