using System.Globalization;
using Rapport.Domain.Audit;

namespace Rapport.Domain.Policy;

/// <summary>The audit record of every policy decision.</summary>
public static class PolicyAuditEvents
{
    public const string Decided = "policy.decided";

    public static AuditEvent For(in PolicyDecision decision, string actor)
    {
        var verdict = decision.Permitted ? "allow" : "deny";
        var field = decision.Field is null ? string.Empty : $" field={decision.Field}";
        var reasons = decision.Reasons.Count == 0 ? "-" : string.Join(',', decision.Reasons);
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"action={decision.Action}{field} verdict={verdict} mode={decision.Mode.ToKey()} allowed={(decision.Allowed ? "true" : "false")} reasons={reasons} policy_version={decision.PolicyVersion} snapshot={decision.SnapshotHash}");
        var contact = decision.Contact.ToString();
        return new AuditEvent(decision.At, actor, Decided, contact, contact, detail);
    }
}
