using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Application.Interactions;

public interface IInteractionStore
{
    Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default);

    /// <summary>The contact's most recent <paramref name="limit"/> interactions, newest first.</summary>
    Task<IReadOnlyList<Interaction>> TimelineAsync(ContactId contactId, int limit, CancellationToken cancellationToken = default);
}
