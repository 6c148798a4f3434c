using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Tests.Consent;

/// <summary>Builders shared by the consent and policy tests.</summary>
internal static class Grants
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly ContactId Contact = new(Guid.Parse("0194a3b2c1d04e5f8a9b0c1d2e3f4a5b"));
    public static readonly ConsentSource Form = new ConsentSource.Collected(CollectionChannel.Form, "signup");

    public static Purpose P(string key) => Purpose.Parse(key).Value;

    public static FieldKey F(string key) => FieldKey.Parse(key).Value;

    public static ConsentGrant Grant(
        string purpose,
        DateTimeOffset? from = null,
        DateTimeOffset? until = null,
        ConsentGrant? previous = null,
        params (string Field, AccessLevel Level)[] fields) =>
        ConsentGrant.Issue(
            previous, Contact, P(purpose), LegalBasis.Consent, Form,
            fields.Select(f => new KeyValuePair<FieldKey, AccessLevel>(F(f.Field), f.Level)),
            T0, from ?? T0, until).Value;

    public static ConsentSnapshot Snapshot(params ConsentGrant[] grants) => ConsentSnapshot.Create(Contact, grants);
}
