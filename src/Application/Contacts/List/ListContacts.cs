using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Lists contacts, optionally only those with a tag and/or containing a text in name, e-mail or company.</summary>
public sealed class ListContacts(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<IReadOnlyList<Contact>>> ExecuteAsync(string? tag = null, string? search = null, CancellationToken cancellationToken = default)
    {
        Tag? parsedTag = null;
        if (tag is not null)
        {
            var t = Tag.Create(tag, "tag");
            if (t.IsFailure)
            {
                return t.Error;
            }

            parsedTag = t.Value;
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var contacts = await uow.Contacts.ListAsync(new ContactFilter(parsedTag, string.IsNullOrWhiteSpace(search) ? null : search.Trim()), cancellationToken).ConfigureAwait(false);
        return Result.Ok(contacts);
    }
}
