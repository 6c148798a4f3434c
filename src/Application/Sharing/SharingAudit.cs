using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>Audit events of the consent flow; the subject is always the business–customer pair.</summary>
internal static class SharingAudit
{
    public static AuditEvent For(DateTimeOffset at, string actor, string action, string business, string customer, string detail) =>
        new(at, actor, action, $"sharing:{business}/{customer}", null, detail);

    public static AuditEvent Request(DateTimeOffset at, string actor, string action, SharingRequest request) =>
        For(at, actor, action, request.BusinessPeerId.Value, request.CustomerPeerId.Value,
            $"request={request.Id} fields={string.Join(',', request.Fields.Select(f => $"{f.Key}:{f.Value}"))} purposes={string.Join(',', request.Purposes)}");

    // The reason's words stay out of the audit chain (free text the customer wrote); only whether one was given.
    public static AuditEvent Declined(DateTimeOffset at, string actor, SharingRequest request, SharingDecline decline) =>
        For(at, actor, "sharing.declined", request.BusinessPeerId.Value, request.CustomerPeerId.Value,
            $"request={request.Id} reason={(decline.Reason is null ? "none" : "given")}");

    public static AuditEvent Grant(DateTimeOffset at, string actor, string action, SharingGrant grant) =>
        For(at, actor, action, grant.BusinessPeerId.Value, grant.CustomerPeerId.Value,
            $"version={grant.Version} request={grant.RequestId?.ToString() ?? "-"} fields={string.Join(',', grant.Fields.Select(f => $"{f.Key}:{f.Value}"))} " +
            $"purposes={string.Join(',', grant.Purposes.Select(p => $"{p.Key}:{(p.Value ? "yes" : "no")}"))} revoked={(grant.RevokedAt is null ? "no" : "yes")}");

    public static AuditEvent Rejected(DateTimeOffset at, string remotePeerId, string localPeerId, Error error) =>
        For(at, $"peer:{remotePeerId}", "sharing.grant_rejected", localPeerId, remotePeerId, $"code={error.Code} reason={error.Message}");
}
