using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public interface IDealStore
{
    Task AddAsync(Deal deal, CancellationToken cancellationToken = default);

    Task<Deal?> GetAsync(DealId id, CancellationToken cancellationToken = default);

    /// <summary>Saves a changed deal: its new stage entries and its outcome (history is append-only).</summary>
    Task UpdateAsync(Deal deal, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Deal>> ListAsync(DealFilter filter, CancellationToken cancellationToken = default);
}
