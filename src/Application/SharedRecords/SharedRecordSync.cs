using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Sent;
using Rapport.Domain.Common;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// The node's side of <c>/rapport/sync/1.0.0</c> (protocol/sharing.md §6): handshake, revocations first, consent
/// filtering both ways, drift bound, edit rejection with re-assertion, purge. Each call is one transaction. Which
/// fields travel is the <see cref="ConsentGate"/>'s decision on the pair's grant (<c>send_shared_record</c> /
/// <c>receive_shared_record</c>, a field action per field), written as one entry per delta.
/// </summary>
public sealed class SharedRecordSync : ISharedRecordSync
{
    /// <summary>The protocol named in audit entries of refused frames.</summary>
    public const string Protocol = "/rapport/sync/1.0.0";

    private readonly IUnitOfWorkFactory _unitOfWork;
    private readonly IGrantSigner _identity;
    private readonly IClock _clock;
    private readonly NodeClock _nodeClock;
    private readonly ISharedRecordChanges _changes;
    private readonly ReceiveGrant _receiveGrant;
    private readonly RecordProtocolRefusal _refusals;
    private readonly ConsentGate _gate;

    /// <param name="gate">Decides every delta sent and received on the pair's grant, and audits the decision.</param>
    /// <param name="refusals">Where refused frames are audited; pass the node's one instance so its caps and
    /// <see cref="RecordProtocolRefusal.FlushAsync"/> cover every protocol. Default: one of its own.</param>
    public SharedRecordSync(
        IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes, ConsentGate gate, RecordProtocolRefusal refusals)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _nodeClock = nodeClock ?? throw new ArgumentNullException(nameof(nodeClock));
        _changes = changes ?? throw new ArgumentNullException(nameof(changes));
        _receiveGrant = new ReceiveGrant(unitOfWork, identity, clock, nodeClock, changes);
        _refusals = refusals ?? throw new ArgumentNullException(nameof(refusals));
    }

    private string Local => _identity.LocalPeerId;

    public Task<Result<SyncOpening>> OpenAsync(string remotePeerId, CancellationToken cancellationToken = default) =>
        OpeningAsync(remotePeerId, answering: false, cancellationToken);

    public Task<Result<SyncOpening>> AnswerAsync(string remotePeerId, CancellationToken cancellationToken = default) =>
        OpeningAsync(remotePeerId, answering: true, cancellationToken);

    private async Task<Result<SyncOpening>> OpeningAsync(string remotePeerId, bool answering, CancellationToken cancellationToken)
    {
        await _nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await _unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var relationship = await Relationship.FindAsync(work, Local, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            // Nothing is shared before the grant arrives: an empty record and grant version 0, so a customer whose
            // Hello announces a grant must send it first; one that announces none is refused at its first round.
            return answering && await work.Sharing.AwaitsAnswerFromAsync(remotePeerId, cancellationToken).ConfigureAwait(false)
                ? new SyncOpening(SharingRole.Business, Local, remotePeerId, VersionVector.Empty, 0)
                : NoRelationship(remotePeerId);
        }

        var record = await work.SharedRecords.FindAsync(relationship.Pair, Local, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false);
        var pair = relationship.Pair;
        return new SyncOpening(relationship.Role, pair.BusinessPeerId, pair.CustomerPeerId, record?.Versions ?? VersionVector.Empty, relationship.Grant.Version);
    }

    public async Task<SignedConsentGrant?> GrantToPushAsync(string remotePeerId, long remoteGrantVersion, CancellationToken cancellationToken = default)
    {
        await using var work = await _unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var relationship = await Relationship.FindAsync(work, Local, remotePeerId, cancellationToken).ConfigureAwait(false);
        return relationship is { Role: SharingRole.Customer } && relationship.Grant.Version > remoteGrantVersion ? relationship.Newest : null;
    }

    public async Task<Result<Unit>> ReceiveGrantAsync(
        string remotePeerId, SignedConsentGrant grant, HlcTimestamp? customerClock, CancellationToken cancellationToken = default)
    {
        var receipt = await _receiveGrant.ExecuteAsync(grant, remotePeerId, customerClock, cancellationToken).ConfigureAwait(false);
        return receipt.IsSuccess ? Result.Ok() : receipt.Error;
    }

    public async Task<Result<SharedRecordDelta>> DeltaSinceAsync(string remotePeerId, VersionVector remoteVersions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remoteVersions);
        await _nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await _unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = _clock.UtcNow;
        var relationship = await Relationship.FindAsync(work, Local, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            return await RefuseStrangerAsync(work, remotePeerId, now, cancellationToken).ConfigureAwait(false);
        }

        var pair = relationship.Pair;
        var actor = $"peer:{remotePeerId}";

        // Nothing of the record is even read unless the grant allows sending at all; a refusal is the gate's entry.
        var send = await relationship.UseAsync(work, PolicyActions.SendSharedRecord, relationship.SendsFieldsAs, [], actor, false, cancellationToken).ConfigureAwait(false);
        var may = await _gate.DecideAsync(work, send, now, cancellationToken).ConfigureAwait(false);
        if (!may.Allowed)
        {
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return relationship.Refusal(may, now);
        }

        var record = await work.SharedRecords.FindAsync(pair, Local, InteractionsToLoad.NotCoveredBy(remoteVersions), cancellationToken).ConfigureAwait(false)
            ?? SharedRecord.Create(Local);
        var pending = record.DeltaSince(remoteVersions);
        var decision = await _gate.DecideAsync(
            work, send with { Fields = [.. pending.Fields.Select(f => f.Key)], CarriesRecordData = !pending.Tags.IsEmpty || !pending.Interactions.IsEmpty }, now, cancellationToken).ConfigureAwait(false);
        var delta = pending.Restrict(decision.Allows);
        if (relationship.Role == SharingRole.Customer && (!delta.Fields.IsEmpty || !delta.Interactions.IsEmpty))
        {
            // What the business was sent, by field name and never by value: the customer's "what this business has seen".
            await work.Audit.AppendAsync(SentAudit.Event(now, pair, delta.Fields.Select(f => f.Key), delta.Interactions.Count), cancellationToken).ConfigureAwait(false);
        }

        await work.SharedRecords.MarkSyncedAsync(pair, SyncDirection.Sent, now, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return delta;
    }

    public async Task<Result<DeltaApplied>> ApplyAsync(string remotePeerId, SharedRecordDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        await _nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await _unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = _clock.UtcNow;
        var relationship = await Relationship.FindAsync(work, Local, remotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            return await RefuseStrangerAsync(work, remotePeerId, now, cancellationToken).ConfigureAwait(false);
        }

        var pair = relationship.Pair;
        if (Check(relationship, delta) is { } invalid)
        {
            await work.Audit.AppendAsync(SyncAudit.Refused(now, pair, remotePeerId, "sync.delta_rejected", invalid), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return invalid;
        }

        var use = await relationship.UseAsync(
            work, PolicyActions.ReceiveSharedRecord, relationship.ReceivesFieldsAs, [.. delta.Fields.Select(f => f.Key)], $"peer:{remotePeerId}",
            carriesRecordData: !delta.Tags.IsEmpty || !delta.Interactions.IsEmpty, cancellationToken).ConfigureAwait(false);
        var decision = await _gate.DecideAsync(work, use, now, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            var refusal = relationship.Refusal(decision, now);
            await work.Audit.AppendAsync(SyncAudit.Refused(now, pair, remotePeerId, "sync.delta_rejected", refusal), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return refusal;
        }

        var touched = InteractionsToLoad.Ids(delta.Interactions.Elements.Select(i => i.Id));
        var record = await work.SharedRecords.FindAsync(pair, Local, touched, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(Local);
        var isCustomer = relationship.Role == SharingRole.Customer;

        // The business drops writes it may not hold without a word (a race with a revocation, §6.4); the customer
        // answers refused edits and re-asserts its own value.
        IReadOnlyList<string> rejected = isCustomer ? decision.DeniedFields : [];
        if (!isCustomer && decision.DeniedFields is { Count: > 0 } dropped)
        {
            // Silent on the wire (§6.4), but a write we may not hold is still recorded (issue §9).
            await work.Audit.AppendAsync(
                SyncAudit.Note(now, pair, $"peer:{remotePeerId}", "sync.writes_dropped", $"code={SyncErrors.EditNotGranted} fields={string.Join(',', dropped)} reason=not granted"),
                cancellationToken).ConfigureAwait(false);
        }

        var allowed = delta.Restrict(decision.Allows);
        record.Apply(allowed);
        if (delta.MaxStamp is { } max)
        {
            // Within the drift bound (checked above), so this cannot be refused.
            _nodeClock.Receive(max);
        }

        var changed = RecordChanges.Of(allowed);
        if (isCustomer)
        {
            await KeepProfileAsync(work, record, allowed, pair, now, cancellationToken).ConfigureAwait(false);
            if (rejected.Count > 0)
            {
                await work.Audit.AppendAsync(SyncAudit.EditRejected(now, pair, $"peer:{remotePeerId}", rejected), cancellationToken).ConfigureAwait(false);
                changed = changed.And(await Reassertion.ReassertAsync(work, _nodeClock, record, rejected, cancellationToken).ConfigureAwait(false));
            }
        }

        await work.SharedRecords.SaveAsync(pair, record, changed, cancellationToken).ConfigureAwait(false);
        await work.SharedRecords.MarkSyncedAsync(pair, SyncDirection.Applied, now, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (rejected.Count > 0)
        {
            _changes.Changed(remotePeerId);
        }

        return new DeltaApplied(record.Versions, rejected);
    }

    public Task RefusedAsync(string remotePeerId, Error error, CancellationToken cancellationToken = default) =>
        _refusals.ExecuteAsync(remotePeerId, Protocol, "sync.message_refused", error, cancellationToken);

    // §6.3 in order: entry validity, drift bound; consent is the gate's.
    private Error? Check(Relationship relationship, SharedRecordDelta delta)
    {
        var writers = new[] { relationship.Pair.BusinessPeerId, relationship.Pair.CustomerPeerId };
        if (delta.Validate(writers) is { IsFailure: true } invalid)
        {
            return invalid.Error;
        }

        return delta.MaxStamp is { } max && _nodeClock.CheckDrift(max) is { IsFailure: true } drift ? drift.Error : null;
    }

    // Customer side: a business edit of an `edit` field that won is the customer's value now, in the profile too.
    private async Task KeepProfileAsync(IUnitOfWork work, SharedRecord record, SharedRecordDelta applied, SharedRecordPair pair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var write in applied.Fields)
        {
            if (write.Register.Stamp.NodeId == pair.BusinessPeerId && record.GetRegister(write.Key) is { } current && current.Stamp == write.Register.Stamp)
            {
                await work.Profile.SetAsync(write.Key, current.IsCleared ? null : current.Value, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A peer we never exchanged a grant with has no pair to file the refusal under; the subject names the peer.
    private static async Task<Error> RefuseStrangerAsync(IUnitOfWork work, string remotePeerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var error = NoRelationship(remotePeerId);
        await work.Audit.AppendAsync(
            new Domain.Audit.AuditEvent(now, $"peer:{remotePeerId}", "sync.refused", $"peer:{remotePeerId}", null, $"code={error.Code} reason={error.Message}"),
            cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return error;
    }

    private static Error NoRelationship(string remotePeerId) =>
        new(SyncErrors.NoRelationship, $"no grant was ever exchanged with {remotePeerId}", "peer");
}
