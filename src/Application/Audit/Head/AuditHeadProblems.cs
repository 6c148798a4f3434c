using Rapport.Domain.Audit;
using Rapport.Domain.Common;

namespace Rapport.Application.Audit.Head;

/// <summary>What the signed head says about a log, in the words `audit verify` and a refusing node both use.</summary>
public static class AuditHeadProblems
{
    public const string CheckpointFile = "audit.head";

    /// <summary>The log ends before the signed head: its newest entries are gone.</summary>
    public static Error Truncated(long logEnd, AuditHead signed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return new Error(
            AuditErrors.Truncated,
            $"truncated: the log ends at {logEnd}, the signed head says {signed.Sequence}. The newest data is missing " +
            $"(a deleted WAL file, an older copy of rapport.db put back, or deleted rows). Restore the data directory from a backup; " +
            $"to accept the log as it is, delete {CheckpointFile} (the next start signs its head again)",
            (logEnd + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Error Mismatch(AuditHead signed, string found)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return new Error(
            AuditErrors.HeadMismatch,
            $"rewritten: the signed head says entry {signed.Sequence} has hash {signed.Hash}, the log's entry there has {found}",
            signed.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Error Invalid(string why) =>
        new(AuditErrors.HeadInvalid,
            $"the signed audit head ({CheckpointFile}) does not verify: {why}. It was edited or is another node's; restore it " +
            $"from a backup, or delete it to sign the log's current head",
            "0");

    public static string OlderThanLog(AuditHead signed, long logEnd) =>
        $"note: the signed head is older than the log ({signed.Sequence} < {logEnd}): entries after {signed.Sequence} are not witnessed yet " +
        "(a crash before the head was signed, or an older audit.head put back); the next write signs the current head";

    public static string Missing(long logEnd) =>
        $"warning: no signed audit head was found ({CheckpointFile}); signed the log's current head at {logEnd}: entries deleted before now could not be detected";
}
