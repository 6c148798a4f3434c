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
        var purpose = decision.Purpose is null ? string.Empty : $" purpose={Printable(decision.Purpose)}";
        var reasons = decision.Reasons.Count == 0 ? "-" : string.Join(',', decision.Reasons);
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"action={Printable(decision.Action)}{purpose}{field} verdict={verdict} mode={decision.Mode.ToKey()} allowed={(decision.Allowed ? "true" : "false")} reasons={reasons} policy_version={decision.PolicyVersion} snapshot={decision.SnapshotHash}");
        var contact = decision.Contact.ToString();
        return new AuditEvent(decision.At, actor, Decided, contact, contact, detail);
    }

    // Actions and purposes that failed validation are recorded as given, but never with a space or control character
    // that would make the detail line ambiguous, and never longer than a valid key.
    private static string Printable(string text)
    {
        const int Max = 128;
        var clean = true;
        foreach (var c in text)
        {
            if (c <= ' ' || c == '=' || char.IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean && text.Length <= Max)
        {
            return text;
        }

        var chars = text.Length > Max ? text[..Max].ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] <= ' ' || chars[i] == '=' || char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars) + (text.Length > Max ? "…" : string.Empty);
    }
}
