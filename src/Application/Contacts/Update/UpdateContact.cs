using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Changes some fields of a contact and records which ones changed.</summary>
public sealed class UpdateContact(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Contact>> ExecuteAsync(ContactId id, ContactChanges changes, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return new Error(ContactErrors.UpdateEmpty, "nothing to change; give at least one of --name, --email, --phone, --company, --add-tag, --remove-tag");
        }

        if (changes.ReplaceTags is not null && ((changes.AddTags?.Count ?? 0) > 0 || (changes.RemoveTags?.Count ?? 0) > 0))
        {
            return new Error(ContactErrors.UpdateTagsConflict, "replacing the tags excludes adding or removing tags in the same update", "tags");
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var contact = await uow.Contacts.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return ContactErrors.Unknown(id);
        }

        var current = contact.Details;
        var removed = TagSet.Parse(changes.RemoveTags ?? [], "remove-tag");
        if (removed.IsFailure)
        {
            return removed.Error;
        }

        var input = new ContactInput(
            changes.Name ?? current.Name.Value,
            changes.Email ?? current.Email?.Value,
            changes.Phone ?? current.Phone?.Value,
            changes.Company ?? current.Company?.Value,
            changes.ReplaceTags ?? [.. current.Tags.Values.Except(removed.Value.Values, StringComparer.Ordinal), .. changes.AddTags ?? []],
            [.. current.Fields.All.Select(f => f.ToString()), .. changes.SetFields ?? []],
            current.PeerId?.Value);
        var details = input.Validate();
        if (details.IsFailure)
        {
            return details.Error;
        }

        if (details.Value.Email is { } email && email != current.Email &&
            await uow.Contacts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } other && other.Id != id)
        {
            return ContactErrors.TakenEmail(email);
        }

        var now = clock.UtcNow;
        var updated = contact.WithDetails(details.Value, now);
        await uow.Contacts.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        await uow.Audit.AppendAsync(
            CrmAudit.Event(now, actor, "contact.updated", id.ToString(), id.ToString(), ("changed", ChangedFields(current, updated.Details))),
            cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    private static string ChangedFields(ContactDetails before, ContactDetails after)
    {
        var changed = new List<string>();
        if (before.Name != after.Name)
        {
            changed.Add("name");
        }

        if (before.Email != after.Email)
        {
            changed.Add("email");
        }

        if (before.Phone != after.Phone)
        {
            changed.Add("phone");
        }

        if (before.Company != after.Company)
        {
            changed.Add("company");
        }

        if (!before.Tags.Equals(after.Tags))
        {
            changed.Add("tags");
        }

        if (!before.Fields.Equals(after.Fields))
        {
            changed.Add("fields");
        }

        return changed.Count == 0 ? "none" : string.Join(',', changed);
    }
}
