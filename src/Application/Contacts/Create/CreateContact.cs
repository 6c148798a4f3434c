using Rapport.Application.Common;
using Rapport.Application.SharedRecords.Consent;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Adds a contact; the e-mail address, when given, must not belong to another contact.</summary>
public sealed class CreateContact(IUnitOfWorkFactory unitOfWork, IClock clock, IIdGenerator ids)
{
    public async Task<Result<Contact>> ExecuteAsync(ContactInput input, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var details = input.Validate();
        if (details.IsFailure)
        {
            return details.Error;
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (details.Value.Email is { } email && await uow.Contacts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ContactErrors.TakenEmail(email);
        }

        var now = clock.UtcNow;
        var contact = Contact.Create(new ContactId(ids.NewId()), details.Value, now);
        await uow.Contacts.AddAsync(contact, cancellationToken).ConfigureAwait(false);
        if (contact.PeerId is { } peer)
        {
            // The customer's grant may have arrived before the business added them.
            await ConsentFromGrant.ProjectForLinkedContactsAsync(uow, [peer.Value], now, cancellationToken).ConfigureAwait(false);
        }

        await uow.Audit.AppendAsync(
            CrmAudit.Event(now, actor, "contact.created", contact.Id.ToString(), contact.Id.ToString(),
                ("name", contact.Name.Value), ("email", contact.Email?.Value), ("mode", contact.Mode == ContactMode.External ? "external" : "platform")),
            cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return contact;
    }
}
