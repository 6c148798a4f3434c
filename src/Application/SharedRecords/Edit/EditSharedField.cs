using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Edit;

/// <summary>Sets (or, with a null value, clears) one field of the record shared with <paramref name="RemotePeerId"/>.</summary>
public sealed record EditSharedFieldCommand(string RemotePeerId, string Key, string? Value, string Actor);

/// <summary>
/// A local edit of a shared field. The business may write only fields it has <c>edit</c> access to under the active
/// grant, and is refused before anything is written (protocol/sharing.md §6.4); the customer may always write its own
/// record, and the value becomes its profile value too.
/// </summary>
public sealed class EditSharedField(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes)
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
        if (relationship.Role == SharingRole.Business && !relationship.Grant.CanEdit(command.Key, now))
        {
            await work.Audit.AppendAsync(SyncAudit.EditRejected(now, pair, command.Actor, [command.Key]), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new Error(SyncErrors.EditNotGranted, $"the active grant of {pair.CustomerPeerId} gives no edit access to '{command.Key}'", "field");
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
