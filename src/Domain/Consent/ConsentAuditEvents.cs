using System.Globalization;
using System.Text;
using Rapport.Domain.Audit;

namespace Rapport.Domain.Consent;

/// <summary>The audit record of every consent change.</summary>
public static class ConsentAuditEvents
{
    public const string Granted = "consent.granted";
    public const string Revoked = "consent.revoked";

    public static AuditEvent For(ConsentGrant grant, string actor)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var detail = new StringBuilder()
            .Append("purpose=").Append(grant.Purpose.Key)
            .Append(" version=").Append(grant.Version.ToString(CultureInfo.InvariantCulture))
            .Append(" basis=").Append(grant.Basis.ToKey())
            .Append(" source=").Append(grant.Source.Describe())
            .Append(" from=").Append(grant.EffectiveFrom.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        if (grant.ExpiresAt is { } until)
        {
            detail.Append(" until=").Append(until.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (grant.Fields.Count > 0)
        {
            detail.Append(" fields=").AppendJoin(',', grant.Fields.Select(f => f.Key + "=" + f.Value.ToKey()));
        }

        return new AuditEvent(
            grant.RevokedAt ?? grant.IssuedAt,
            actor,
            grant.RevokedAt is null ? Granted : Revoked,
            grant.Contact.ToString(),
            grant.Contact.ToString(),
            detail.ToString());
    }
}
