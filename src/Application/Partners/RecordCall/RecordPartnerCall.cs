using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Contacts;

namespace Rapport.Application.Partners;

/// <summary>
/// Appends one partner API call (who, which method, allowed or why not) to the audit log, through the journal: the
/// call takes no write lock of its own, and many calls share one commit.
/// </summary>
public sealed class RecordPartnerCall(IAuditJournal journal, IClock clock)
{
    /// <param name="partner">The authenticated partner's name, or null when authentication failed.</param>
    /// <param name="decision">"ok", or the status the call ended with ("permission_denied", "unauthenticated", ...).</param>
    public async Task ExecuteAsync(string? partner, string method, string decision, string? reason = null, CancellationToken cancellationToken = default)
    {
        await journal.RecordAsync(
            [CrmAudit.Event(clock.UtcNow, partner is null ? "partner:unknown" : $"partner:{partner}", "partner.call", method, null,
                ("method", method), ("decision", decision), ("reason", reason))],
            cancellationToken).ConfigureAwait(false);
    }
}
