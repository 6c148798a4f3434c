using System.Globalization;
using Rapport.Domain.Audit;

namespace Rapport.Domain.Policy;

/// <summary>The audit record of every policy decision.</summary>
public static class PolicyAuditEvents
{
    public const string Decided = "policy.decided";

    /// <summary>One entry for the decisions of one bulk read (a page, a list, an export batch): a line per contact.</summary>
    public const string DecidedMany = "policy.decided.many";

    /// <summary>One entry for one use of a shared record: the record's decision and a line per field it touched.</summary>
    public const string DecidedSharedRecord = "policy.decided.shared_record";

    /// <summary>How many denials an entry records: one for a denied single decision, one per denied line of a bulk entry.</summary>
    public static int DenialsIn(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Action == Decided || entry.Action == DecidedSharedRecord)
        {
            return entry.Detail.Contains(" verdict=deny ", StringComparison.Ordinal) ? 1 : 0;
        }

        if (entry.Action != DecidedMany)
        {
            return 0;
        }

        var denials = 0;
        foreach (var line in entry.Detail.AsSpan().EnumerateLines())
        {
            var space = line.IndexOf(' ');
            if (space > 0 && line[(space + 1)..].StartsWith("deny ", StringComparison.Ordinal))
            {
                denials++;
            }
        }

        return denials;
    }

    public static AuditEvent For(in PolicyDecision decision, string actor)
    {
        var verdict = decision.Permitted ? "allow" : "deny";
        var field = decision.Field is null ? string.Empty : $" field={decision.Field}";
        var purpose = decision.Purpose is null ? string.Empty : $" purpose={Printable(decision.Purpose)}";
        var reasons = ReasonList(decision);
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"action={Printable(decision.Action)}{purpose}{field} verdict={verdict} mode={decision.Mode.ToKey()} allowed={(decision.Allowed ? "true" : "false")} reasons={reasons} policy_version={decision.PolicyVersion} snapshot={decision.SnapshotHash}");
        var contact = decision.Contact.ToString();
        return new AuditEvent(decision.At, actor, Decided, contact, contact, detail);
    }

    /// <summary>
    /// The decisions one request made for many contacts at one instant, as one entry: a header with what they share,
    /// then a line per contact — <c>CONTACT VERDICT REASONS SNAPSHOT</c> — so each contact's decision can still be read
    /// and checked; the entry is indexed under every contact it names (<see cref="AuditEvent.Contacts"/>).
    /// </summary>
    public static AuditEvent ForMany(IReadOnlyList<PolicyDecision> decisions, string actor)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentOutOfRangeException.ThrowIfZero(decisions.Count);
        var first = decisions[0];
        var field = first.Field is null ? string.Empty : $" field={first.Field}";
        var purpose = first.Purpose is null ? string.Empty : $" purpose={Printable(first.Purpose)}";
        var detail = new System.Text.StringBuilder(96 + (decisions.Count * 112));
        var allowed = 0;
        foreach (var decision in decisions)
        {
            allowed += decision.Allowed ? 1 : 0;
        }

        detail.Append(CultureInfo.InvariantCulture, $"action={Printable(first.Action)}{purpose}{field} mode={first.Mode.ToKey()} policy_version={first.PolicyVersion} decided={decisions.Count} allowed={allowed}");
        var contacts = new string[decisions.Count];
        for (var i = 0; i < decisions.Count; i++)
        {
            var decision = decisions[i];
            contacts[i] = decision.Contact.ToString();
            detail.Append('\n').Append(contacts[i]).Append(decision.Permitted ? " allow " : " deny ")
                .Append(ReasonList(decision)).Append(' ').Append(decision.SnapshotHash);
        }

        return new AuditEvent(first.At, actor, DecidedMany, string.Create(CultureInfo.InvariantCulture, $"{decisions.Count} contacts"), null, detail.ToString())
        {
            Contacts = contacts,
        };
    }

    /// <summary>
    /// One use of a shared record as one entry: a header with the record's decision, then a line per field —
    /// <c>KEY VERDICT REASONS</c> — for every field the use touched. <paramref name="subject"/> names the pair;
    /// <paramref name="contact"/> is the business's contact for the customer, when it has one.
    /// </summary>
    public static AuditEvent ForSharedRecord(SharedRecordDecision decision, string actor, string subject, string? contact)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = decision.Record;
        var allowed = decision.Fields.Count(f => decision.Allows(f.Key));
        var detail = new System.Text.StringBuilder(160 + (decision.Fields.Count * 40));
        detail.Append(CultureInfo.InvariantCulture,
            $"action={Printable(record.Action)} field_action={Printable(decision.FieldAction)} verdict={(record.Permitted ? "allow" : "deny")} mode={record.Mode.ToKey()} ")
            .Append(CultureInfo.InvariantCulture,
            $"reasons={ReasonList(record)} policy_version={record.PolicyVersion} snapshot={record.SnapshotHash} fields={decision.Fields.Count} allowed={allowed}");
        foreach (var (key, field) in decision.Fields)
        {
            detail.Append('\n').Append(key).Append(decision.Allows(key) ? " allow " : " deny ")
                .Append(ReasonList(field));
        }

        return new AuditEvent(record.At, actor, DecidedSharedRecord, subject, contact, detail.ToString());
    }

    /// <summary>
    /// One contact's decision read back from an entry: the entry's own detail for a single decision, or — for an entry
    /// about many — its header with the contact's line (<c>HEADER · verdict=… reasons=… snapshot=…</c>); null when the
    /// entry does not name the contact.
    /// </summary>
    public static string? DecisionOf(AuditEvent auditEvent, string contact)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(contact);
        if (auditEvent.Action == Decided)
        {
            return auditEvent.ContactId == contact ? auditEvent.Detail : null;
        }

        if (auditEvent.Action != DecidedMany)
        {
            return null;
        }

        var lines = auditEvent.Detail.Split('\n');
        foreach (var line in lines.AsSpan(1))
        {
            var parts = line.Split(' ');
            if (parts.Length == 4 && parts[0] == contact)
            {
                return $"{lines[0]} verdict={parts[1]} reasons={parts[2]} snapshot={parts[3]}";
            }
        }

        return null;
    }

    // How an entry lists a decision's reasons: comma-separated codes, `-` for none.
    private static string ReasonList(in PolicyDecision decision) => decision.Reasons.Count == 0 ? "-" : string.Join(',', decision.Reasons);

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
