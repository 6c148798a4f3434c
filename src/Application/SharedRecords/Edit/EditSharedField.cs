using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Edit;

/// <summary>Sets (or, with a null value, clears) one field of the record shared with <paramref name="RemotePeerId"/>.</summary>
public sealed record EditSharedFieldCommand(string RemotePeerId, string Key, string? Value, string Actor);

/// <summary>
/// A local edit of a shared field. A business edit is the gate's decision (<c>edit_shared_record</c>, and
/// <c>write_shared_field</c> on the field) on the active grant, refused before anything is written
/// (protocol/sharing.md §6.4); the customer may always write its own record — its own data on its own node, no use
/// of anyone's consent — and the value becomes its profile value too.
/// </summary>
public sealed class EditSharedField(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes, ConsentGate gate)
{
    public async Task<Result<Unit>> ExecuteAsync(EditSharedFieldCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        var relationship = await Relationship.FindAsync(work, identity.LocalPeerId, command.RemotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            return new Error(SyncErrors.NoRelationship, $"no grant was ever exchanged with {command.RemotePeerId}", "peer");
        }

        var pair = relationship.Pair;
        if (relationship.Role == SharingRole.Business)
        {
            if (!FieldKey.IsValid(command.Key))
            {
                return new Error(SharedRecordErrors.InvalidFieldKey, $"'{command.Key}' is not a field key (1..{FieldKey.MaxLength} of a-z 0-9 . _ -, starting with a letter)", "field");
            }

            var use = await relationship.UseAsync(work, PolicyActions.EditSharedRecord, PolicyActions.WriteSharedField, [command.Key], command.Actor, carriesRecordData: false, cancellationToken).ConfigureAwait(false);
            var decision = await gate.DecideAsync(work, use, now, cancellationToken).ConfigureAwait(false);
            if (!decision.Allows(command.Key))
            {
                await work.Audit.AppendAsync(SyncAudit.EditRejected(now, pair, command.Actor, [command.Key]), cancellationToken).ConfigureAwait(false);
                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new Error(SyncErrors.EditNotGranted, $"the active grant of {pair.CustomerPeerId} gives no edit access to '{command.Key}' ({string.Join(", ", decision.Fields[0].Value.Reasons.Concat(decision.Record.Reasons).Distinct())}; policy v{decision.Record.PolicyVersion})", "field");
            }
        }

        var record = await work.SharedRecords.FindAsync(pair, identity.LocalPeerId, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(identity.LocalPeerId);
        var stamp = nodeClock.Now(record);
        var written = command.Value is null ? record.ClearField(command.Key, stamp) : record.SetField(command.Key, command.Value, stamp);
        if (written.IsFailure)
        {
            return written.Error;
        }

        if (relationship.Role == SharingRole.Customer)
        {
            await work.Profile.SetAsync(command.Key, command.Value, now, cancellationToken).ConfigureAwait(false);
        }

        await work.SharedRecords.SaveAsync(pair, record, RecordChanges.Of(written.Value), cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(
            SyncAudit.Note(now, pair, command.Actor, command.Value is null ? "shared.field_cleared" : "shared.field_edited", $"field={command.Key} stamp={stamp}"),
            cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        changes.Changed(command.RemotePeerId);
        return Result.Ok();
    }
}
