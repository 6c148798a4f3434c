using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>
/// Lists every contact whose consent allows the purpose (none named: the business's own record keeping), optionally
/// only those with a tag and/or containing a text. Every contact listed or withheld is decided by the gate, exactly as
/// a paging partner's would be, and the whole list is one compact audit entry naming each contact, durable before the
/// list is returned.
/// </summary>
public sealed class ListContacts(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public Task<Result<IReadOnlyList<Contact>>> ExecuteAsync(
        string? tag, string? search, string? purpose, string actor, CancellationToken cancellationToken = default) =>
        ExecuteAsync(tag, search, purpose, null, actor, cancellationToken);

    /// <param name="orderBy">As <see cref="ContactPageRequest.OrderBy"/>: by name when null.</param>
    public Task<Result<IReadOnlyList<Contact>>> ExecuteAsync(
        string? tag, string? search, string? purpose, string? orderBy, string actor, CancellationToken cancellationToken = default) =>
        new ListContactsPage(unitOfWork, clock, gate).ListAllAsync(new ContactPageRequest(tag, search, purpose, OrderBy: orderBy), actor, cancellationToken);
}
