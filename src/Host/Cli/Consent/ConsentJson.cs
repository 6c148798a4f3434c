using Rapport.Domain.Consent;

namespace Rapport.Host.Cli.Consent;

/// <summary>The JSON shape of one consent version.</summary>
internal sealed record ConsentJson(
    string Contact,
    string Purpose,
    long Version,
    string? Status,
    string Basis,
    string Source,
    DateTimeOffset IssuedAt,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyDictionary<string, string> Fields)
{
    public static ConsentJson Of(ConsentGrant grant, ConsentStatus? status) => new(
        grant.Contact.ToString(),
        grant.Purpose.Key,
        grant.Version,
        status?.ToKey(),
        grant.Basis.ToKey(),
        grant.Source.Describe(),
        grant.IssuedAt,
        grant.EffectiveFrom,
        grant.ExpiresAt,
        grant.RevokedAt,
        grant.Fields.ToDictionary(f => f.Key, f => f.Value.ToKey()));
}
