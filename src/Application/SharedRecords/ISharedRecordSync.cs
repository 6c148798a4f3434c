using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// What a <c>/rapport/sync/1.0.0</c> session asks of the node, for the shared record it keeps with one remote peer
/// (protocol/sharing.md §6). The wire adapter drives the message order; every decision about consent, clocks and
/// storage is made here. Each call is one transaction.
/// </summary>
public interface ISharedRecordSync
{
    /// <summary>
    /// Our side of the handshake with <paramref name="remotePeerId"/> (§6.2 step 1). Fails with
    /// <c>SYNC_NO_RELATIONSHIP</c> when no grant was ever exchanged with that peer.
    /// </summary>
    Task<Result<SyncOpening>> OpenAsync(string remotePeerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Our side of the handshake on a session <paramref name="remotePeerId"/> opened. As <see cref="OpenAsync"/>, except
    /// that a business holding no grant of that peer but waiting for the answer to a request it sent answers as the
    /// business of the pair with grant version 0: a customer that accepted may open the session before its grant
    /// arrived on the consent protocol, and sends the grant first on the session (§6.2 step 2).
    /// </summary>
    Task<Result<SyncOpening>> AnswerAsync(string remotePeerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Customer side, §6.2 step 2: the newest signed grant when the business announced an older version than ours,
    /// else null (also null on the business side).
    /// </summary>
    Task<SignedConsentGrant?> GrantToPushAsync(string remotePeerId, long remoteGrantVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Business side, §6.2 step 2: a grant the customer pushed on the sync stream. Accepted as on the consent
    /// protocol (§4.4), fields that lost consent are purged with a watermark above <paramref name="customerClock"/>
    /// (the customer's own entry of its Hello versions, §6.5), refusals and purges are audited.
    /// </summary>
    Task<Result<Unit>> ReceiveGrantAsync(string remotePeerId, SignedConsentGrant grant, HlcTimestamp? customerClock, CancellationToken cancellationToken = default);

    /// <summary>
    /// §6.2 steps 3–5: what the remote has not seen (<c>DeltaSince(remoteVersions)</c>), filtered by the newest
    /// grant (§6.4). Fails with <c>CONSENT_EXPIRED</c>/<c>CONSENT_REVOKED</c>/<c>CONSENT_NOT_YET_EFFECTIVE</c> when no
    /// grant is active now: no record data may cross.
    /// </summary>
    Task<Result<SharedRecordDelta>> DeltaSinceAsync(string remotePeerId, VersionVector remoteVersions, CancellationToken cancellationToken = default);

    /// <summary>
    /// §6.3: validates the delta (<c>SYNC_INVALID_DELTA</c>), bounds clock drift (<c>HLC_DRIFT</c>), checks consent,
    /// applies what the grant allows and stores the result. Writes the grant does not allow are dropped, audited,
    /// and reported in <see cref="DeltaApplied.RejectedFields"/> (the customer re-asserts its own value with a fresh
    /// stamp, which is then a local change to send). Every refusal is audited.
    /// </summary>
    Task<Result<DeltaApplied>> ApplyAsync(string remotePeerId, SharedRecordDelta delta, CancellationToken cancellationToken = default);

    /// <summary>
    /// A frame from <paramref name="remotePeerId"/> the session refused before it reached the calls above (it does not
    /// parse, a grant or delta that does not decode, an unknown message kind): audited, with repeats capped.
    /// </summary>
    Task RefusedAsync(string remotePeerId, Error error, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
