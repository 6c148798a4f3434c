using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Tags;

/// <summary>Adds a tag to, or (<c>Remove</c>) removes it from, the record shared with <c>RemotePeerId</c>.</summary>
public sealed record TagSharedRecordCommand(string RemotePeerId, string Tag, bool Remove, string Actor);

/// <summary>
/// Either side tags the shared record (protocol/sharing.md §6.1: an add-wins observed-remove set, not field-scoped, so
/// both may write it). A remove takes away the adds this replica has seen; a concurrent add elsewhere survives it.
/// </summary>
public sealed class TagSharedRecord(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes)
{
    public async Task<Result<Unit>> ExecuteAsync(TagSharedRecordCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var relationship = await Relationship.FindAsync(work, identity.LocalPeerId, command.RemotePeerId, cancellationToken).ConfigureAwait(false);
        if (relationship is null)
        {
            return new Error(SyncErrors.NoRelationship, $"no grant was ever exchanged with {command.RemotePeerId}", "peer");
        }

        var pair = relationship.Pair;
        var record = await work.SharedRecords.FindAsync(pair, identity.LocalPeerId, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false)
            ?? SharedRecord.Create(identity.LocalPeerId);
        var stamp = nodeClock.Now(record);
        var written = command.Remove ? record.RemoveTag(command.Tag, stamp) : record.AddTag(command.Tag, stamp);
        if (written.IsFailure)
        {
            return written.Error;
        }

        await work.SharedRecords.SaveAsync(pair, record, RecordChanges.Of(written.Value), cancellationToken).ConfigureAwait(false);
        var action = command.Remove ? "shared.tag_removed" : "shared.tag_added";
        await work.Audit.AppendAsync(SyncAudit.Note(clock.UtcNow, pair, command.Actor, action, $"tag={command.Tag}"), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        changes.Changed(command.RemotePeerId);
        return Result.Ok();
    }
}
