using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public interface IPipelineStore
{
    Task AddAsync(SalesPipeline pipeline, CancellationToken cancellationToken = default);

    /// <summary>The pipeline whose id (32 hex digits) or name (case-insensitive) is <paramref name="idOrName"/>.</summary>
    Task<SalesPipeline?> FindAsync(string idOrName, CancellationToken cancellationToken = default);

    Task<SalesPipeline?> GetAsync(PipelineId id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SalesPipeline>> ListAsync(CancellationToken cancellationToken = default);
}
