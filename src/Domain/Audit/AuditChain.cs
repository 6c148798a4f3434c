using Rapport.Domain.Common;

namespace Rapport.Domain.Audit;

/// <summary>
/// The result of verifying a whole chain: how many entries and the hash of the last one (the chain's head), with a
/// note when the chain is intact but its witness says less than it could (no signed head, or an older one).
/// </summary>
public sealed record AuditVerification(long Entries, string HeadHash, string? Note = null);

public static class AuditChain
{
    /// <summary>
    /// Verifies entries in stored order. Failure's <see cref="Error.Field"/> is the first bad position (1-based) and its
    /// code says what is wrong: AUDIT_CONTENT_EDITED, AUDIT_ENTRY_MISSING, AUDIT_LINK_BROKEN or AUDIT_REORDERED.
    /// </summary>
    public static Result<AuditVerification> Verify(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier();
        foreach (var entry in entries)
        {
            if (!verifier.Check(entry))
            {
                return verifier.Failure!;
            }
        }

        return new AuditVerification(verifier.Checked, verifier.LastHash);
    }
}
