using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>
/// Lists every contact whose consent allows the purpose (none named: the business's own record keeping), optionally
/// only those with a tag and/or containing a text. Walks <see cref="ListContactsPage"/> to the end, so each contact
/// listed or withheld is one audited decision, exactly as a paging partner would get.
/// </summary>
public sealed class ListContacts(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public async Task<Result<IReadOnlyList<Contact>>> ExecuteAsync(
        string? tag, string? search, string? purpose, string actor, CancellationToken cancellationToken = default)
    {
        var pages = new ListContactsPage(unitOfWork, clock, gate);
        var contacts = new List<Contact>();
        string? token = null;
        do
        {
            // Pages as large as one call examines: each page is one audited entry, so a list is a handful of entries.
            var page = await pages.ExecuteAsync(new ContactPageRequest(tag, search, purpose, ListContactsPage.MaxCandidatesPerCall, token), actor, ListContactsPage.MaxCandidatesPerCall, cancellationToken).ConfigureAwait(false);
            if (page.IsFailure)
            {
                return page.Error;
            }

            contacts.AddRange(page.Value.Contacts);
            token = page.Value.NextPageToken.Length == 0 ? null : page.Value.NextPageToken;
        }
        while (token is not null);

        return contacts;
    }
}
