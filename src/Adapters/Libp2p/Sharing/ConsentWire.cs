using Google.Protobuf;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using WireAccess = Rapport.Protocol.Sharing.V1.FieldAccess;
using WireDecline = Rapport.Protocol.Sharing.V1.SharingDecline;
using WireGrant = Rapport.Protocol.Sharing.V1.SignedConsentGrant;
using WireReceipt = Rapport.Protocol.Sharing.V1.GrantReceipt;
using WireRequest = Rapport.Protocol.Sharing.V1.SharingRequest;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>Maps the wire messages of <c>/rapport/consent/1.0.0</c> to the domain and back, validating on the way in.</summary>
public static class ConsentWire
{
    private const int RequestIdLength = 16;

    public static WireRequest ToWire(SharingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = new WireRequest
        {
            RequestId = ByteString.CopyFrom(RequestIdBytes(request.Id)),
            BusinessPeerId = request.BusinessPeerId.Value,
            CustomerPeerId = request.CustomerPeerId.Value,
            RequestedDurationMs = (ulong)request.RequestedDuration.TotalMilliseconds,
            Reason = request.Reason,
            CreatedAtMs = request.CreatedAt.ToUnixTimeMilliseconds(),
        };
        foreach (var (key, access) in request.Fields)
        {
            wire.Fields.Add(key, (WireAccess)(int)access);
        }

        wire.Purposes.AddRange(request.Purposes);
        return wire;
    }

    public static Result<SharingRequest> FromWire(WireRequest wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (!TryRequestId(wire.RequestId, out var id))
        {
            return new Error(SharingErrors.InvalidRequest, "request id must be 16 bytes, not all zero", "request_id");
        }

        if (wire.RequestedDurationMs > (ulong)SharingRequest.MaxDuration.TotalMilliseconds ||
            wire.CreatedAtMs is < 0 or > 253_402_300_799_999)
        {
            return new Error(SharingErrors.InvalidRequest, "requested duration or creation time out of range", "requested_duration_ms");
        }

        return SharingRequest.Create(
            id,
            wire.BusinessPeerId,
            wire.CustomerPeerId,
            wire.Fields.ToDictionary(f => f.Key, f => (AccessLevel)(int)f.Value, StringComparer.Ordinal),
            wire.Purposes,
            TimeSpan.FromMilliseconds(wire.RequestedDurationMs),
            wire.Reason,
            DateTimeOffset.FromUnixTimeMilliseconds(wire.CreatedAtMs));
    }

    public static WireGrant ToWire(SignedConsentGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new WireGrant
        {
            CanonicalGrant = ByteString.CopyFrom(grant.CanonicalBytes.AsSpan()),
            Signature = ByteString.CopyFrom(grant.Signature.AsSpan()),
            SignerPublicKey = ByteString.CopyFrom(grant.SignerPublicKey.AsSpan()),
        };
    }

    /// <summary>The grant is read from the signed bytes only (CONSENT_MALFORMED / CONSENT_INVALID_GRANT otherwise).</summary>
    public static Result<SignedConsentGrant> FromWire(WireGrant wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return SignedConsentGrant.FromParts(wire.CanonicalGrant.Span, wire.Signature.Span, wire.SignerPublicKey.Span);
    }

    public static WireReceipt ToWire(GrantReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new WireReceipt
        {
            GrantSha256 = ByteString.CopyFrom(receipt.GrantSha256),
            Version = (ulong)receipt.Version,
            ReceivedAtMs = receipt.ReceivedAt.ToUnixTimeMilliseconds(),
            Signature = ByteString.CopyFrom(receipt.Signature),
            SignerPublicKey = ByteString.CopyFrom(receipt.SignerPublicKey),
        };
    }

    public static Result<GrantReceipt> FromWire(WireReceipt wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.GrantSha256.Length != 32 || wire.Version is 0 or > long.MaxValue || wire.ReceivedAtMs is < 0 or > 253_402_300_799_999 ||
            wire.Signature.IsEmpty || wire.SignerPublicKey.IsEmpty)
        {
            return new Error(SharingErrors.Malformed, "the receipt is not well formed");
        }

        return new GrantReceipt(
            wire.GrantSha256.ToByteArray(), (long)wire.Version, DateTimeOffset.FromUnixTimeMilliseconds(wire.ReceivedAtMs),
            wire.Signature.ToByteArray(), wire.SignerPublicKey.ToByteArray());
    }

    public static WireDecline ToWire(SharingDecline decline)
    {
        ArgumentNullException.ThrowIfNull(decline);
        return new WireDecline
        {
            RequestId = ByteString.CopyFrom(RequestIdBytes(decline.RequestId)),
            DeclinedAtMs = decline.DeclinedAt.ToUnixTimeMilliseconds(),
            Reason = decline.Reason ?? string.Empty,
        };
    }

    public static Result<SharingDecline> FromWire(WireDecline wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (!TryRequestId(wire.RequestId, out var id) || wire.DeclinedAtMs is < 0 or > 253_402_300_799_999)
        {
            return new Error(SharingErrors.InvalidRequest, "the decline names no valid request id or time", "request_id");
        }

        return SharingDecline.Create(id, DateTimeOffset.FromUnixTimeMilliseconds(wire.DeclinedAtMs), wire.Reason);
    }

    public static byte[] RequestIdBytes(SharingRequestId id) => id.Value.ToByteArray(bigEndian: true);

    public static bool TryRequestId(ByteString bytes, out SharingRequestId id)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        id = default;
        if (bytes.Length != RequestIdLength)
        {
            return false;
        }

        var guid = new Guid(bytes.Span, bigEndian: true);
        if (guid == Guid.Empty)
        {
            return false;
        }

        id = new SharingRequestId(guid);
        return true;
    }
}
