using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Removes a contact with its interactions and deals; the audit log keeps the fact that it existed.</summary>
public sealed class DeleteContact(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Unit>> ExecuteAsync(ContactId id, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (!await uow.Contacts.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return ContactErrors.Unknown(id);
        }

        await uow.Audit.AppendAsync(CrmAudit.Event(clock.UtcNow, actor, "contact.deleted", id.ToString(), id.ToString()), cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }
}
