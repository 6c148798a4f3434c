using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// The code a peer answered with (a ConsentError or SyncError), as this node knows it: peers speak the same vocabulary
/// (protocol/sharing.md §7), so a known code keeps its kind. A code this version does not know is the peer failing.
/// </summary>
public static class PeerCodes
{
    private static readonly Dictionary<string, ErrorCode> Known = new ErrorCode[]
    {
        WireErrors.Malformed, WireErrors.Unsupported, WireErrors.FrameTooLarge,
        SharingErrors.InvalidRequest, SharingErrors.InvalidGrant, SharingErrors.Malformed, SharingErrors.ExceedsRequest,
        SharingErrors.BadSignature, SharingErrors.WrongSigner, SharingErrors.WrongBusiness, SharingErrors.WrongCustomer,
        SharingErrors.Replay, SharingErrors.NotYetEffective, SharingErrors.Expired, SharingErrors.Revoked,
        SharingReceiptErrors.Mismatch, SharingReceiptErrors.RequestNotFound, SharingReceiptErrors.RequestNotPending,
        SharingReceiptErrors.NoGrant, SharingReceiptErrors.WrongPeer, SharingReceiptErrors.DuplicateRequest,
        ConsentErrors.AlreadyRevoked,
        SharedRecordErrors.HlcDrift, SharedRecordErrors.ForeignStamp, SharedRecordErrors.StaleStamp, SharedRecordErrors.InvalidFieldKey,
        SharedRecordErrors.InvalidFieldValue, SharedRecordErrors.InvalidTag, SharedRecordErrors.TagNotPresent, SharedRecordErrors.FieldPurged,
        SharedRecordErrors.InvalidInteraction, SharedRecordErrors.InvalidDelta,
        SyncErrors.NoRelationship, SyncErrors.EditNotGranted,
    }.ToDictionary(code => code.Value, StringComparer.Ordinal);

    public static ErrorCode Of(string code) => Known.TryGetValue(code, out var known) ? known : new(code, ErrorKind.Unavailable);

    /// <summary>The error a peer answered, under the code as this node knows it.</summary>
    public static Error Answered(string code, string message) => new(Of(code), message);
}
