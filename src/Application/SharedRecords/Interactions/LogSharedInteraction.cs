using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Interactions;

/// <summary>Something that happened in the relationship, logged by either side; <c>OccurredAt</c> defaults to now.</summary>
public sealed record LogSharedInteractionCommand(string RemotePeerId, string Kind, string Summary, DateTimeOffset? OccurredAt, string Actor);

/// <summary>Adds an interaction to the record shared with a peer (protocol/sharing.md §6.1, grow-only set); returns its id.</summary>
public sealed class LogSharedInteraction(
    IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, IIdGenerator ids, NodeClock nodeClock, ISharedRecordChanges changes)
{
    public async Task<Result<string>> ExecuteAsync(LogSharedInteractionCommand command, CancellationToken cancellationToken = default)
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
        var id = ids.NewId().ToString("N");
        var record = await work.SharedRecords.FindAsync(pair, identity.LocalPeerId, InteractionsToLoad.Ids([id]), cancellationToken).ConfigureAwait(false)
            ?? SharedRecord.Create(identity.LocalPeerId);
        var interaction = SharedInteraction.Create(id, nodeClock.Now(record), command.Kind, command.Summary, (command.OccurredAt ?? now).ToUnixTimeMilliseconds());
        if (interaction.IsFailure)
        {
            return interaction.Error;
        }

        var logged = record.LogInteraction(interaction.Value);
        if (logged.IsFailure)
        {
            return logged.Error;
        }

        await work.SharedRecords.SaveAsync(pair, record, RecordChanges.Of(logged.Value), cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(SyncAudit.Note(now, pair, command.Actor, "shared.interaction_logged", $"id={id} kind={command.Kind}"), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        changes.Changed(command.RemotePeerId);
        return id;
    }
}
