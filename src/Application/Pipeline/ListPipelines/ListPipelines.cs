using Rapport.Application.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed class ListPipelines(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyList<SalesPipeline>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await uow.Pipelines.ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
