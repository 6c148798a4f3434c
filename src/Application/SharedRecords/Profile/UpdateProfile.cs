using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords.Profile;

/// <summary>Sets (or, with a null value, removes) one of the customer's own profile values.</summary>
public sealed record UpdateProfileCommand(string Key, string? Value, string Actor);

/// <summary>
/// Customer side: changes a profile value and writes it, freshly stamped, into the record of every relationship in
/// which this node is the customer. What each business receives is then decided by its grant when the delta is sent.
/// </summary>
public sealed class UpdateProfile(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, NodeClock nodeClock, ISharedRecordChanges changes)
{
    public async Task<Result<IReadOnlyList<string>>> ExecuteAsync(UpdateProfileCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!FieldKey.IsValid(command.Key))
        {
            return new Error(SyncErrors.InvalidProfileField, $"'{command.Key}' is not a field key (1..{FieldKey.MaxLength} of a-z 0-9 . _ -, starting with a letter)", "field");
        }

        if (command.Value is { Length: > SharedRecord.MaxFieldValueLength })
        {
            return new Error(SyncErrors.InvalidProfileField, $"a profile value is at most {SharedRecord.MaxFieldValueLength} characters", "value");
        }

        await nodeClock.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        var local = identity.LocalPeerId;
        await work.Profile.SetAsync(command.Key, command.Value, now, cancellationToken).ConfigureAwait(false);
        var businesses = new List<string>();
        foreach (var stored in await work.SharedRecords.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stored.Pair.CustomerPeerId != local)
            {
                continue;
            }

            var record = await work.SharedRecords.FindAsync(stored.Pair, local, InteractionsToLoad.None, cancellationToken).ConfigureAwait(false) ?? SharedRecord.Create(local);
            var stamp = nodeClock.Now(record);
            var written = command.Value is null ? record.ClearField(command.Key, stamp) : record.SetField(command.Key, command.Value, stamp);
            if (written.IsSuccess)
            {
                await work.SharedRecords.SaveAsync(stored.Pair, record, RecordChanges.Of(written.Value), cancellationToken).ConfigureAwait(false);
                businesses.Add(stored.Pair.BusinessPeerId);
            }
        }

        await work.Audit.AppendAsync(
            new Domain.Audit.AuditEvent(now, command.Actor, "profile.updated", $"profile:{local}", null, $"field={command.Key} relationships={businesses.Count}"),
            cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var business in businesses)
        {
            changes.Changed(business);
        }

        return businesses;
    }
}
