using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

public sealed class ShowContact(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<Contact>> ExecuteAsync(ContactId id, CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var contact = await uow.Contacts.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return contact is null ? ContactErrors.Unknown(id) : contact;
    }
}
