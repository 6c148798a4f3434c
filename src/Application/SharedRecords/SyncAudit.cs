using Rapport.Application.Sharing;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>Audit events of the shared record; like the consent flow's, the subject is the pair. Values are never logged.</summary>
internal static class SyncAudit
{
    public static AuditEvent Refused(DateTimeOffset at, SharedRecordPair pair, string remotePeerId, string action, Error error) =>
        SharingAudit.For(at, $"peer:{remotePeerId}", action, pair.BusinessPeerId, pair.CustomerPeerId, $"code={error.Code} reason={error.Message}");

    public static AuditEvent EditRejected(DateTimeOffset at, SharedRecordPair pair, string actor, IEnumerable<string> fields) =>
        SharingAudit.For(at, actor, "sync.edit_rejected", pair.BusinessPeerId, pair.CustomerPeerId,
            $"code={SyncErrors.EditNotGranted} fields={string.Join(',', fields)}");

    public static AuditEvent Purged(DateTimeOffset at, SharedRecordPair pair, string actor, IEnumerable<string> fields, HlcTimestamp watermark, string reason) =>
        SharingAudit.For(at, actor, "sharing.purged", pair.BusinessPeerId, pair.CustomerPeerId,
            $"fields={string.Join(',', fields)} watermark={watermark} reason={reason}");

    public static AuditEvent Note(DateTimeOffset at, SharedRecordPair pair, string actor, string action, string detail) =>
        SharingAudit.For(at, actor, action, pair.BusinessPeerId, pair.CustomerPeerId, detail);
}
